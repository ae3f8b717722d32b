"""Target 4: ``plan`` of a change touching 5% of the models, against alembic's autogenerate comparison
of the same change on a live PostgreSQL; squawk linting the SQL of that change, as a reference line.

Two rows for ``plan``: the same tree again (plan stores the catalog of a tree that loaded cleanly, so
after the warm-up it resolves nothing), and the tree with one of the changed spec files given new
bytes before every run (a comment appended: every cache keyed on the working tree's content misses,
the per-file cache serves the other files). The target's verdict is on the edited row.

The database is a scratch database on the embedded PostgreSQL holding the old schema, built by
applying specguard's own migrations. alembic compares it with SQLAlchemy ``MetaData`` built from
specguard's catalog of the changed specs (``bench/sqla.py``), in a process of its own
(``bench/alembic_worker.py``); its ``compare_metadata`` step alone is set against the whole ``plan``
process, the comparison most favourable to alembic.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
from pathlib import Path

from bench.common import Context, NotAvailable, median_of, ratio, result
from bench.runner import Contestant, interleave
from bench.synth import apply_change, changed_models

TITLE = "plan of a change to 5% of the models vs alembic autogenerate (compare_metadata)"
WORKER = Path(__file__).resolve().parent / "alembic_worker.py"
SHARE = 0.05


@contextlib.contextmanager
def old_schema_database(ctx: Context, tree: Path):
    """A scratch database on the embedded PostgreSQL holding what ``tree``'s migrations build."""
    try:
        from specguard.db.replay import apply_migrations
        from specguard.db.server import embedded_server_url, scratch_database
    except ImportError as exc:
        raise NotAvailable(f"specguard's db package cannot be imported here: {exc}") from None
    from specguard.diagnostics import SpecguardError

    try:
        ctx.progress.note("plan", "starting the embedded PostgreSQL")
        admin = embedded_server_url()
        with scratch_database(admin, prefix="sgbench") as url:
            ctx.progress.note("plan", "applying the migrations of the old schema")
            apply_migrations(url, tree / "generated" / "migrations")
            ctx.progress.clear()
            yield url
    except SpecguardError as exc:
        raise NotAvailable(f"no database for alembic: {exc.diagnostic.message}") from None


def _write_state(ctx: Context, specs: Path) -> Path:
    """The catalog of the changed specs, in state.json's format, for the alembic worker to read."""
    from specguard.compiler.pipeline import load_specs
    from specguard.compiler.store.snapshot import catalog_to_json

    loaded = load_specs(specs)
    path = ctx.work / "plan-new-state.json"
    path.write_text(catalog_to_json(loaded.catalog), "utf-8")
    return path


def _write_sql(ctx: Context, tree: Path) -> list[str]:
    """The migration files ``plan`` prints for the change, one folder each (squawk's input)."""
    payload = json.loads(ctx.run_specguard(tree, "plan", "--name", "change", "--format", "json").stdout)
    out = []
    folder = ctx.work / "plan-sql"
    shutil.rmtree(folder, ignore_errors=True)
    for i, m in enumerate(payload.get("migrations", [])):
        path = folder / f"{i:03d}_{m['name']}" / "migration.sql"
        path.parent.mkdir(parents=True)
        path.write_text(m["sql"], "utf-8")
        out.append(str(path))
    return out


def _squawk(ctx: Context) -> str | None:
    return (shutil.which("squawk") or shutil.which("squawk", path=str(Path(sys.executable).parent))
            or shutil.which("squawk", path=str(Path(ctx.python).parent)))


def _editor(tree: Path, rel: str):
    """Appends a new comment to one changed spec file: new bytes before every run."""
    path, count = tree / "specs" / rel, [0]

    def edit() -> None:
        count[0] += 1
        with path.open("a", encoding="utf-8") as f:
            f.write(f"# edit {count[0]}\n")
    return edit


def _contestants(ctx: Context, tree: Path, url: str | None, notes: list[str], edited: str) -> list[Contestant]:
    plan = Contestant(f"specguard plan, {ctx.models:,} models, 5% changed, one file edited before each run",
                      ctx.specguard("plan", "--name", "change"), cwd=tree, before=_editor(tree, edited))
    again = Contestant(f"specguard plan, {ctx.models:,} models, 5% changed, same tree again",
                       ctx.specguard("plan", "--name", "change"), cwd=tree)
    out = [plan, again]
    if url is not None:
        state = _write_state(ctx, tree / "specs")
        out.append(Contestant("alembic autogenerate (worker process)", [sys.executable, str(WORKER), str(state), url],
                              inner_json=True))
    squawk = _squawk(ctx)
    files = _write_sql(ctx, tree)
    if squawk and files:
        out.append(Contestant(f"reference: squawk on the same SQL ({len(files)} files)",
                              [squawk, "--pg-version", "14", "--reporter", "json", *files]))
    elif not squawk:
        notes.append("squawk: n/a: the squawk binary (squawk-cli, a test dependency) is not installed")
    return out


def _peer_reason() -> str | None:
    from bench.common import need

    try:
        need("alembic", "alembic")
        need("sqlalchemy", "SQLAlchemy")
    except NotAvailable as exc:
        return str(exc)
    return None


def measure(ctx: Context) -> dict:
    """plan, interleaved with alembic's comparison (when installed) and squawk."""
    sizes = ctx.sizes()
    tree = ctx.copy_tree(sizes, compiled=True, name="plan-tree")
    notes: list[str] = []
    reason = _peer_reason()
    changed = changed_models(sizes, max(1, round(sizes.models * SHARE)))
    with contextlib.ExitStack() as stack:
        url = None
        if reason is None:
            try:
                url = stack.enter_context(old_schema_database(ctx, tree))
            except NotAvailable as exc:
                reason = str(exc)
        files = apply_change(tree / "specs", sizes, changed)
        contestants = _contestants(ctx, tree, url, notes, files[0])
        rows = interleave("plan", contestants, ctx.runs, ctx.warmup, ctx.progress)
    notes.insert(0, f"the change: {len(changed)} of {sizes.models:,} models each gain a column and an index "
                    "and widen a varchar")
    if reason:
        notes.append(f"alembic: n/a: {reason}")
    ratios = [ratio("alembic compare_metadata / plan (a changed file edited before each run)", _compare_ms(contestants), median_of(rows, contestants[0].name),
                    ">=", 5, "4")]
    again = ratio("", _compare_ms(contestants), median_of(rows, contestants[1].name), ">=", 5, "4")["value"]
    notes.append(f"edited row: a comment appended to specs/{files[0]} before every run; same tree again: "
                 f"alembic compare_metadata / plan = {again}x (no verdict: the tree's catalog is cached)")
    notes += _alembic_notes(contestants)
    return result("plan", TITLE, rows, ratios, notes)


def _compare_ms(contestants: list[Contestant]) -> float | None:
    for c in contestants:
        if c.inner_json and c.inner:
            return c.summary()["inner_median_ms"].get("compare_ms")
    return None


def _alembic_notes(contestants: list[Contestant]) -> list[str]:
    for c in contestants:
        if c.inner_json and c.inner:
            last = c.inner[-1]
            return [f"alembic found {last['differences']} differences: {last.get('difference_kinds')}"]
    return []
