"""Random valid specs, then 2-5 steps of SAFE edits, compiled after each step, on a real PostgreSQL.

Each step applies one or two edits that the rules must let through without acceptance (add a
nullable column or one with a default, add or drop an index, add a table, a foreign key, a check, a
unique key, an enum value, widen a type, deprecate or rename a column, change a default), or the
one destructive edit of the expand/contract cycle with its acceptance: dropping a column that the
compiled state already marks deprecated (``--accept SG301:Model.column``).

Two databases watch the history:

* an incremental one, where only each step's new migrations are applied (as ``prisma migrate
  deploy`` would), and then a row is inserted into every table, so a migration that only works on
  empty tables fails here; after each step it must match the step's catalog, and no step may lose a
  row;
* at the end, ``verify`` replays every migration from empty and must find exactly the final specs.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import assume, given, note, settings
from hypothesis import strategies as st

from specguard.compiler.ir.catalog import quote_ident
from specguard.compiler.pipeline import compile_catalog as compile_migrations
from specguard.compiler.pipeline import load_texts
from specguard.compiler.rules.accept import Accept
from specguard.diagnostics import Severity

from . import specgen as g
from .test_random_specs_verify import max_examples

pytestmark = pytest.mark.pg

NOW = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
CAP = 12  # examples under the ci/dev profiles (each runs up to 5 compiles and 2 databases)


# --- the edits: each returns a description, or None when it does not apply to this spec set -----


def _taken(spec: g.SpecSet) -> set[str]:
    return spec.names() | {i.name for m in spec.models.values() for i in m.indexes if i.name}


def _col_names(m: g.Model) -> set[str]:
    return {c.name for c in m.columns} | {c.renamed_from for c in m.columns if c.renamed_from}


def _model(draw, spec, pred=lambda m: True):
    ms = [m for m in spec.models.values() if pred(m)]
    return draw(st.sampled_from(ms)) if ms else None


def _insert_column(draw, m: g.Model, c: g.Col) -> None:
    m.columns.insert(draw(st.integers(0, len(m.columns))), c)


def add_nullable_column(draw, spec, accepts):
    m = _model(draw, spec)
    t = draw(g.types(spec.enums))
    c = g.Col(g.fresh(draw, _col_names(m)), t, nullable=True, default=draw(g.defaults(t, spec.enums)))
    _insert_column(draw, m, c)
    return f"add nullable column {m.name}.{c.name} {t.spec()} default={c.default!r}"


def add_column_with_default(draw, spec, accepts):
    m = _model(draw, spec)
    t = draw(g.types(spec.enums))
    d = draw(g.literal(t, spec.enums))
    if d is None:  # a JSON null literal is no default at all
        d = {}
    if draw(st.integers(0, 3)) == 0 and not t.array and t.base in ("uuid", "timestamptz"):
        d = {"sql": "gen_random_uuid()" if t.base == "uuid" else "clock_timestamp()"}  # volatile: backfilled
    c = g.Col(g.fresh(draw, _col_names(m)), t, default=d)
    _insert_column(draw, m, c)
    return f"add column {m.name}.{c.name} {t.spec()} NOT NULL default={d!r}"


def add_index(draw, spec, accepts):
    m = _model(draw, spec)
    ix = g.index_for(draw, m, _taken(spec), need_key=True)
    if ix is None:
        return None
    m.indexes.append(ix)
    return f"add index on {m.name}: {ix}"


def drop_index(draw, spec, accepts):
    m = _model(draw, spec, lambda m: m.indexes)
    if m is None:
        return None
    ix = m.indexes.pop(draw(st.integers(0, len(m.indexes) - 1)))
    return f"drop index on {m.name}: {ix}"


def add_table(draw, spec, accepts):
    taken = _taken(spec)
    name = g.fresh(draw, taken)
    spec.models[name] = draw(g.models(name, spec, taken))
    return f"add table {name}"


def add_enum_value(draw, spec, accepts):
    if not spec.enums:
        return None
    e = draw(st.sampled_from(sorted(spec.enums)))
    values = spec.enums[e]
    v = draw(g.ENUM_VALUES.filter(lambda v: v not in values))
    at = draw(st.sampled_from([len(values), len(values), 0, len(values) // 2]))
    values.insert(at, v)
    return f"add enum value {e}.{v!r} at {at}"


def widen_type(draw, spec, accepts):
    wider = {"smallint": ["integer", "bigint"], "integer": ["bigint"]}
    m = _model(draw, spec, lambda m: any(c.type.base == "varchar" or c.type.base in wider for c in m.columns))
    if m is None:
        return None
    c = draw(st.sampled_from([c for c in m.columns if c.type.base == "varchar" or c.type.base in wider]))
    old = c.type
    if old.base == "varchar":
        n = old.args[0]
        if n < 10485760 and draw(st.booleans()):
            new = g.Type("varchar", (draw(st.integers(n + 1, 10485760)),), old.array)
        else:
            new = g.Type("text", (), old.array)
    else:
        new = g.Type(draw(st.sampled_from(wider[old.base])), (), old.array)
    c.type = new
    return f"widen {m.name}.{c.name} from {old.spec()} to {new.spec()}"


def deprecate_column(draw, spec, accepts):
    m = _model(draw, spec, lambda m: any(not c.deprecated and c.name not in m.pk for c in m.columns))
    if m is None:
        return None
    c = draw(st.sampled_from([c for c in m.columns if not c.deprecated and c.name not in m.pk]))
    c.deprecated = draw(st.sampled_from(["moved elsewhere", "no longer used: see #12", "replaced; drop later"]))
    c.changed_at = spec.step
    return f"deprecate {m.name}.{c.name}"


def _check_holds_for_default(ch: g.Check, m: g.Model) -> bool:
    """Existing rows hold explicit values >= 0 and non-empty, or the column's default: check that."""
    for name in ch.cols:
        d = m.col(name).default
        if isinstance(d, dict):
            if ch.kind in ("nonneg", "nonempty") and ("-" in d["sql"] or d["sql"] in ("''",)):
                return False
        elif ch.kind == "nonneg" and isinstance(d, (int, float)) and d < 0:
            return False
        elif ch.kind == "nonempty" and d == "":
            return False
    if ch.kind == "either":  # NULL in both only where both columns are nullable
        return not all(m.col(c).nullable for c in ch.cols)
    return True


def add_check(draw, spec, accepts):
    m = _model(draw, spec)
    ch = g.checks_for(draw, m, {c.name for c in m.checks if c.name})
    if ch is None or not _check_holds_for_default(ch, m):
        return None
    m.checks.append(ch)
    return f"add check on {m.name}: {ch.sql()}"


def drop_check(draw, spec, accepts):
    m = _model(draw, spec, lambda m: m.checks)
    if m is None:
        return None
    ch = m.checks.pop(draw(st.integers(0, len(m.checks) - 1)))
    return f"drop check on {m.name}: {ch.sql()}"


def add_unique(draw, spec, accepts):
    m = _model(draw, spec, lambda m: m.pk)
    if m is None:
        return None
    others = [c.name for c in m.columns if c.type.btree and c.name not in m.pk]
    extra = draw(st.lists(st.sampled_from(others), max_size=2, unique=True)) if others else []
    u = list(dict.fromkeys([*draw(st.permutations(m.pk)), *extra]))
    if u in m.uniques or u == m.pk or not extra and sorted(u) == sorted(m.pk) and draw(st.booleans()):
        return None
    m.uniques.append(u)
    return f"add unique on {m.name}: {u}"


def rename_column(draw, spec, accepts):
    m = _model(draw, spec)
    c = draw(st.sampled_from(m.columns))
    old, new = c.name, g.fresh(draw, _col_names(m))
    if c.changed_at != spec.step or not c.renamed_from:  # renamed twice in a step: from the compiled name
        c.renamed_from = old
    c.name, c.changed_at = new, spec.step

    def r(names):
        return [new if n == old else n for n in names]

    m.pk = r(m.pk)
    m.uniques = [r(u) for u in m.uniques]
    for ch in m.checks:
        ch.cols = r(ch.cols)
    for ix in m.indexes:
        ix.cols = r(ix.cols)
        if ix.where and ix.where.col == old:
            ix.where.col = new
    for fk in m.fks:
        fk.cols = r(fk.cols)
    for other in spec.models.values():
        for fk in other.fks:
            if fk.model == m.name:
                fk.ref_cols = r(fk.ref_cols)
    return f"rename column {m.name}.{old} -> {new}"


def drop_deprecated_column(draw, spec, accepts):
    """Drop a column that the compiled state already marks deprecated, with its acceptance."""
    def droppable(c):  # deprecated in the compiled state, under the name it has there
        return c.deprecated and c.changed_at < spec.step

    m = _model(draw, spec, lambda m: any(droppable(c) for c in m.columns) and len(m.columns) > 1)
    if m is None:
        return None
    c = draw(st.sampled_from([c for c in m.columns if droppable(c)]))
    m.columns.remove(c)
    m.uniques = [u for u in m.uniques if c.name not in u]
    m.checks = [ch for ch in m.checks if c.name not in ch.cols]
    m.indexes = [i for i in m.indexes if c.name not in i.cols and not (i.where and i.where.col == c.name)]
    m.fks = [f for f in m.fks if c.name not in f.cols]
    accepts.append(Accept("SG301", f"{m.name}.{c.name}", "property test: deprecated in an earlier release"))
    return f"drop deprecated column {m.name}.{c.name}"


def add_foreign_key(draw, spec, accepts):
    m = _model(draw, spec)
    ref = _model(draw, spec, lambda r: r.pk)
    if ref is None:
        return None
    fk = g.add_fk(draw, m, ref, _col_names(m), force_nullable=True)  # existing rows hold NULL
    return f"add foreign key {m.name}{fk.cols} -> {ref.name}{fk.ref_cols} on delete {fk.on_delete}"


def change_default(draw, spec, accepts):
    m = _model(draw, spec, lambda m: any(c.name not in m.pk for c in m.columns))
    if m is None:
        return None
    c = draw(st.sampled_from([c for c in m.columns if c.name not in m.pk]))
    if any(ch.kind in ("nonneg", "nonempty") and c.name in ch.cols for ch in m.checks):
        return None  # a new default could break a check on rows inserted later... by us, not by users
    if any(c.name in f.cols for f in m.fks):
        return None  # a default of a referencing column must name a parent row: data no rule can see
    new = draw(g.defaults(c.type, spec.enums))
    if new is None and not c.nullable and c.default is not None:
        return None  # a required column that loses its default breaks inserts: SG309, not a safe edit
    c.default = new
    return f"set default of {m.name}.{c.name} to {c.default!r}"


EDITS = [add_nullable_column, add_column_with_default, add_index, drop_index, add_table, add_enum_value,
         widen_type, deprecate_column, add_check, drop_check, add_unique, rename_column,
         drop_deprecated_column, add_foreign_key, change_default]


# --- the database side -------------------------------------------------------------------------------


def load(spec: g.SpecSet):
    texts = g.render(spec)
    result = load_texts(texts)
    assume(not any(d.code == "SG206" for d in result.diagnostics))
    errors = [f"{d.code} {d.span}: {d.message}" for d in result.diagnostics if d.severity is Severity.ERROR]
    assert errors == [], "\n".join(["the generator wrote an invalid spec:", *errors, *texts.values()])
    return result.catalog


def _parents_first(catalog):
    done, order, pending = set(), [], list(catalog.tables)
    while pending:
        ready = [t for t in pending if all(fk.ref_table in done or fk.ref_table == t.name for fk in t.foreign_keys)]
        for t in ready or pending[:1]:  # a cycle: insert what we can, NULLs or skips decide the rest
            pending.remove(t)
            order.append(t)
            done.add(t.name)
    return order


def row_counts(conn, catalog) -> dict[str, int]:
    return {t.name: conn.execute(f"SELECT count(*) FROM {quote_ident(t.name)}").fetchone()[0] for t in catalog.tables}


def drift(conn, catalog) -> list[str]:
    from specguard.db.compare import compare_catalogs
    from specguard.db.introspect import introspect
    from specguard.db.probe import ServerRenderer

    found = compare_catalogs(catalog, introspect(conn), same_expression=ServerRenderer(conn))
    return [f"{d.code} {d.target}: {d.message}" for d in found]


@settings(max_examples=max_examples(CAP))
@given(st.data())
def test_safe_edit_sequences_apply_on_rows_and_replay(pg_admin_url, tmp_path_factory, data):
    from specguard.db.replay import MigrationError, apply_migrations
    from specguard.db.server import connect, scratch_database
    from specguard.db.verify import verify

    spec = data.draw(g.spec_sets(max_models=3), label="initial specs")
    catalog = previous = load(spec)
    gen = tmp_path_factory.mktemp("generated")
    row = 0
    with scratch_database(pg_admin_url, prefix="sgprop") as url, connect(url) as conn:
        n_steps = data.draw(st.integers(2, 5), label="steps")
        for step in range(n_steps + 1):
            accepts: list[Accept] = []
            if step:
                before = spec.copy()
                spec.step = step
                done = []
                for _ in range(data.draw(st.integers(1, 2), label="edits")):
                    for _attempt in range(5):
                        edit = data.draw(st.sampled_from(EDITS))
                        what = edit(data.draw, spec, accepts)
                        if what:
                            done.append(what)
                            break
                note(f"step {step}: {done}")
                if g.render(spec) == g.render(before):
                    continue
                catalog = load(spec)
            r = compile_migrations(gen, catalog, name=f"step{step}", now=NOW + timedelta(hours=step), accepts=accepts)
            assert r.ok, [f"{d.code} {d.target}: {d.message}" for d in r.diagnostics]
            assert [d for d in r.diagnostics if d.code == "SG003"] == []  # every acceptance was used
            assert compile_migrations(gen, catalog, name="again", now=NOW + timedelta(hours=step, minutes=30)).written == ()
            # only this step's folders, as deploy applies what is new
            new = tmp_path_factory.mktemp("step")
            for m in r.migrations:
                shutil.copytree(gen / "migrations" / m.folder, new / m.folder)
            counts = row_counts(conn, previous) if step else {}
            try:
                apply_migrations(url, new)
            except MigrationError as exc:
                sql = "\n".join(m.sql for m in r.migrations)
                raise AssertionError(f"{exc.diagnostic.message}\n{sql}") from None
            after = row_counts(conn, catalog)
            assert {t: n for t, n in after.items() if t in counts} == counts, "a safe step lost rows"
            assert drift(conn, catalog) == []
            previous = catalog
            for t in _parents_first(catalog):
                row += 1
                g.insert_row(conn, catalog, t, row)
    problems = verify(gen / "migrations", catalog, pg_admin_url)
    assert [f"{d.code} {d.target}: {d.message}" for d in problems] == []
