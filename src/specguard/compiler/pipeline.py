"""The orchestrator: the one place that chains the compiler's stages.

    load ─▶ resolve ─▶ diff(old, new) ─▶ rules ─▶ emit ─▶ store

One function per use, each taking paths or catalogs and returning diagnostics and what it wrote:

- :func:`check`: the specs against the compiled state in ``generated/`` (and against a git
  revision's specs with ``base``): integrity, staleness, and every pending change judged;
- :func:`plan`: what :func:`compile` would write, writing nothing;
- :func:`compile`: the next migrations, the snapshot and the checksums, in one atomic transaction;
- :func:`changes_since`: every change since a git revision's specs, judged.

Stages never call one another; a new capability adds a comparator, a rule or an emitter and is wired
here, once. The CLI parses options, calls these and renders the result.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from specguard.compiler.ir.catalog import Catalog
from specguard.compiler.store.snapshot import AcceptedFinding
from specguard.diagnostics import (
    Diagnostic,
    Severity,
    Span,
    SpecguardError,
    has_errors,
    sorted_diagnostics,
)
from specguard.diagnostics.codes import diag

if TYPE_CHECKING:
    from datetime import datetime

_NAMED = 5  # how many pending changes an SG800 names
# Results are NamedTuples rather than dataclasses: this module is on the path of every pre-commit
# `check`, and a frozen dataclass costs eight times as much to define.


# --- load and resolve ------------------------------------------------------------------------------


class LoadResult(NamedTuple):
    catalog: Catalog
    diagnostics: list[Diagnostic]
    sources: dict[str, str] = {}  # display path -> text, for carets (never mutated)
    files: list[str] = []


def load_texts(texts: dict[str, str | bytes | None], memo: dict | None = None) -> LoadResult:
    """Spec files held in memory (display path -> content), loaded and resolved into a catalog; files
    already in ``memo`` (see ``load_documents``) are not read again."""
    from specguard.compiler.load.documents import load_documents
    from specguard.compiler.resolve.resolver import build_catalog

    docs = load_documents(texts, memo)
    catalog, errs = build_catalog(docs.specs, docs.broken)
    return LoadResult(catalog, sorted_diagnostics(docs.diagnostics + errs), docs.sources, sorted(texts))


def load_specs(root: Path, display_base: Path | None = None, memo: dict | None = None, *,
               store: bool = False) -> LoadResult:
    """Every spec file under ``root``; a missing or empty root is an SG001 diagnostic, a path that
    cannot be read as a spec file an SG005 (and then nothing is loaded). With the catalog cache on,
    a tree loaded before is read from it; ``store`` stores this one (plan and compile do: a compile
    after a plan, a check after a compile, then resolve nothing; a check's own repeats are served by
    the result cache, and storing on every edit would cost more than it spares)."""
    from specguard.compiler.load.documents import read_spec_tree

    texts, stops = read_spec_tree(root, display_base)
    if stops:
        return LoadResult(Catalog(), sorted_diagnostics(stops))
    cached = _cached_tree(texts)
    if cached is not None:
        return cached
    loaded = load_texts(texts, memo)
    return _stored_tree(texts, loaded) if store else loaded


def _cached_tree(texts: dict[str, bytes | None]) -> LoadResult | None:
    """The load of a tree whose every file has the same path and bytes as one that loaded cleanly
    before (the catalog cache, when the run has one): its catalog, no diagnostic, its texts."""
    from specguard.compiler.load.discover import decode
    from specguard.compiler.store.catcache import active, tree_key

    cache = active()
    catalog = cache.get(tree_key(cache, texts)) if cache is not None else None
    if catalog is None:
        return None
    sources = {name: decode(data, name)[0] for name, data in texts.items()}  # clean: every file decodes
    return LoadResult(catalog, [], sources, sorted(texts))


def _stored_tree(texts: dict[str, bytes | None], loaded: LoadResult) -> LoadResult:
    from specguard.compiler.store.catcache import active, tree_key

    cache = active()
    if cache is not None and not loaded.diagnostics:  # only a clean tree: no entry holds a credential
        cache.put(tree_key(cache, texts), loaded.catalog)
    return loaded


def load(specs_dir: Path, memo: dict | None = None, *, store: bool = False) -> LoadResult:
    """:func:`load_specs`, where a spec root that cannot be read stops the command (exit 2)."""
    result = load_specs(Path(specs_dir), memo=memo, store=store)
    stops = [d for d in result.diagnostics if d.code in ("SG001", "SG005")]
    if stops:
        raise SpecguardError(*stops)
    return result


# --- diff and rules: the only place they are chained -----------------------------------------------


class Judgement(NamedTuple):
    ops: list
    findings: list[Diagnostic]


def judge(old: Catalog, new: Catalog) -> Judgement:
    """Every change from ``old`` to ``new`` and what the rules find in it."""
    if old == new:
        return Judgement([], [])
    from specguard.compiler.diff import diff
    from specguard.compiler.rules import check_changes

    ops = diff(old, new)
    return Judgement(ops, check_changes(ops, old, new))


def _placed(findings: list[Diagnostic], where: Span) -> list[Diagnostic]:
    # a finding about an object the specs no longer hold (a dropped model, a removed config version)
    # is shown on the compiled state that still holds it: annotations and SARIF results need a file
    return [d if d.span else dataclasses.replace(d, span=where) for d in findings]


# --- check -----------------------------------------------------------------------------------------


class CheckResult(NamedTuple):
    diagnostics: list[Diagnostic]
    sources: dict[str, str] = {}


def check(specs_dir: Path, generated_dir: Path, *, base: str | None = None) -> CheckResult:
    """Validate the specs, check ``generated/`` against them, and judge every pending change."""
    from specguard.compiler.store.compiled import read_compiled

    memo: dict | None = {} if base else None  # the base's unchanged files are read once, not twice
    loaded = load(specs_dir, memo)
    diags = list(loaded.diagnostics)
    if not has_errors(diags):
        compiled = read_compiled(Path(generated_dir))  # read once, for both comparisons
        diags += check_compiled(Path(generated_dir), loaded.catalog, compiled)
        if base:
            diags += changes_since(base, Path(specs_dir), loaded.catalog, Path(generated_dir), memo, compiled)
    return CheckResult(sorted_diagnostics(diags), loaded.sources)


def check_compiled(generated_dir: Path, catalog: Catalog, compiled=None) -> list[Diagnostic]:
    """``generated/`` against the catalog of the specs: integrity, staleness, pending changes judged
    (``compiled``: what ``read_compiled`` gave for ``generated_dir``, when the caller has it)."""
    from specguard.compiler.store.artifacts import check_artifacts
    from specguard.compiler.store.compiled import read_compiled

    compiled = compiled or read_compiled(generated_dir)
    diags = list(compiled.diagnostics)
    current = compiled.catalog is None or compiled.catalog == catalog
    if compiled.exists:
        from specguard.compiler.emit.fingerprint import inputs_fingerprint

        # with changes pending, the stale state says why the code is stale: one mistake, one diagnostic
        diags += check_artifacts(generated_dir, inputs_fingerprint(catalog) if current else None)
    if current:
        return diags
    judged = judge(compiled.catalog, catalog)
    diags.append(_stale(compiled, judged.ops))
    return sorted_diagnostics(diags + _placed(judged.findings, compiled.state_span))


def _stale(compiled, ops) -> Diagnostic:
    pending = list(dict.fromkeys(op.target for op in ops))
    more = f" and {len(pending) - _NAMED} more" if len(pending) > _NAMED else ""
    what = "is out of date with the specs" if compiled.exists else "has never been compiled"
    if not compiled.root.exists():
        what = f"(`{compiled.root}`) does not exist: the specs have never been compiled"
    return diag("SG800", f"generated/ {what}: {len(pending)} change(s) pending ({', '.join(pending[:_NAMED])}{more})",
                compiled.state_span, target="generated",
                hint="run `specguard compile` (or `specguard plan` to see the SQL first)")


def changes_since(rev: str, specs_dir: Path, catalog: Catalog, generated_dir: Path | None = None,
                  memo: dict | None = None, compiled=None) -> list[Diagnostic]:
    """Every change from the specs at git revision ``rev`` to ``catalog``, judged by the rules.

    With ``generated_dir``, what ``rev`` released there is held against the working tree (SG806),
    the findings whose acceptance was recorded since ``rev`` in the working tree's state.json are
    accepted (code and target match; nothing else is), and each such acceptance is listed (SG805).
    """
    base = _base_specs(rev, specs_dir, memo)
    if base is not None and has_errors(base.diagnostics):
        findings = [diag("SG004", f"the specs at `{rev}` do not load ({len(base.diagnostics)} problems); "
                         "changes against it cannot be classified", None, severity=Severity.WARNING,
                         hint=f"run `specguard check` on {rev} to see them")]
    else:
        findings = judge(base.catalog if base else Catalog(), catalog).findings
    return findings if generated_dir is None else _against_released(rev, generated_dir, findings, compiled)


def _base_specs(rev: str, specs_dir: Path, memo: dict | None) -> LoadResult | None:
    """The specs at ``rev``, loaded (None when it has none); from the catalog cache, keyed by the git
    id of the spec folder there, when the run has one."""
    from specguard.compiler.load.git import read_specs_at, tree_ids
    from specguard.compiler.store.catcache import active

    cache = active()
    ids = tree_ids(rev, [specs_dir]) if cache is not None else None
    key = cache.key("base", rev, specs_dir.as_posix(), ids[0]) if ids and ids[0] != "-" else None
    cached = cache.get(key) if key else None
    if cached is not None:
        return LoadResult(cached, [])
    texts = read_specs_at(rev, specs_dir)
    base = load_texts(texts, memo) if texts else None
    if key and base is not None and not base.diagnostics:
        cache.put(key, base.catalog)
    return base


def _against_released(rev: str, gen: Path, findings: list[Diagnostic], compiled=None) -> list[Diagnostic]:
    from specguard.compiler.load.git import read_tree_at
    from specguard.compiler.rules.accept import Accept, apply_acceptances, unused_acceptance
    from specguard.compiler.store import released as rel
    from specguard.compiler.store.compiled import read_compiled

    released, diags = rel.read_released(read_tree_at(rev, gen, keep=rel.is_record), rev)
    compiled = compiled or read_compiled(gen)
    catalog = compiled.catalog or Catalog()
    diags += rel.released_changes(released, gen, rev, catalog.configs, compiled.accepted)
    added = rel.added(released, compiled.accepted)
    diags += rel.forged(released, gen, rev, added)
    accepts = [Accept(a.code, a.target, a.reason) for a in added]
    matched, remaining = apply_acceptances(findings, accepts)
    unused = {unused_acceptance(a) for a in accepts}  # listed below as acceptances, not as warnings
    diags += [d for d in remaining if d not in unused]
    return diags + rel.listed(added, gen, rev, {(f.code, f.target) for f, _ in matched})


# --- plan and compile ------------------------------------------------------------------------------


class PlannedMigration(NamedTuple):
    folder: str  # "<YYYYMMDDHHMMSS>_<suffix>"
    sql: str  # the whole migration.sql, accepted-findings header included
    transactional: bool
    ops: tuple = ()

    @property
    def suffix(self) -> str:
        return self.folder.partition("_")[2]


class CompileResult(NamedTuple):
    diagnostics: tuple[Diagnostic, ...] = ()
    migrations: tuple[PlannedMigration, ...] = ()
    accepted: tuple[AcceptedFinding, ...] = ()  # accepted by this compile
    written: tuple[str, ...] = ()  # paths under generated/ that were (or, for plan, would be) written
    recovered: tuple[str, ...] = ()  # paths an interrupted compile had left, now rolled back
    sources: dict[str, str] = {}  # the spec texts, for carets (never mutated)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def plan(specs_dir: Path, generated_dir: Path, *, name: str, accepts=(), now: datetime | None = None,
         files: bool = True) -> CompileResult:
    """What :func:`compile` would write for the specs under ``specs_dir``, writing nothing. With
    ``files=False`` only the migrations and the verdicts are worked out (``written`` stays empty): the
    generated code is not emitted nor compared with generated/, which is most of a compile's work."""
    return _from_specs(specs_dir, lambda cat: plan_catalog(generated_dir, cat, name=name, accepts=accepts, now=now,
                                                           extra=_spec_schema() if files else None, files=files))


def compile(specs_dir: Path, generated_dir: Path, *, name: str, accepts=(), now: datetime) -> CompileResult:
    """Compile the specs under ``specs_dir`` into ``generated/``."""
    return _from_specs(specs_dir, lambda cat: compile_catalog(generated_dir, cat, name=name, accepts=accepts, now=now,
                                                              extra=_spec_schema()))


def _spec_schema() -> dict[str, str]:
    """The spec format's JSON Schema, for editors: regenerated by every compile from the specs."""
    from specguard.compiler.load.specmodels import spec_json_schema_text
    from specguard.compiler.store.layout import SPEC_SCHEMA_FILE

    return {SPEC_SCHEMA_FILE: spec_json_schema_text()}


def _from_specs(specs_dir: Path, run) -> CompileResult:
    loaded = load(specs_dir, store=True)
    if has_errors(loaded.diagnostics):
        return CompileResult(diagnostics=tuple(loaded.diagnostics), sources=loaded.sources)
    result = run(loaded.catalog)
    diags = sorted_diagnostics([*loaded.diagnostics, *result.diagnostics])
    return result._replace(diagnostics=tuple(diags), sources=loaded.sources)


def plan_catalog(generated_dir, catalog: Catalog, *, name: str, accepts=(), now: datetime | None = None,
                 extra: dict[str, str] | None = None, files: bool = True) -> CompileResult:
    """:func:`compile_catalog` without writing: ``written`` says which files would change (with
    ``files=False``, see :func:`plan`, it is left empty)."""
    from datetime import datetime, timezone

    gen = Path(generated_dir)
    result, staged = _prepare(gen, catalog, name=name, now=now or datetime.now(timezone.utc), accepts=tuple(accepts),
                              extra=extra or {}, files=files)
    return result._replace(written=tuple(_transaction(gen, staged).changes()) if files else ())


def compile_catalog(generated_dir, catalog: Catalog, *, name: str, now: datetime, accepts=(),
                    extra: dict[str, str] | None = None) -> CompileResult:
    """Write the next migrations, the generated code, the checksums and the snapshot; or nothing,
    with the reasons why.

    Besides what the emitters make of the catalog, ``extra`` files (relative to generated/) are
    regenerated whatever changed; like every file they are written only when their bytes differ, and
    only by a compile that succeeds.
    """
    from specguard.compiler.store.atomic import recover
    from specguard.compiler.store.lock import CompileLock, not_writable

    gen = Path(generated_dir)
    # one writer at a time, from reading the compiled state to committing the new one
    with CompileLock(gen) as lock:
        try:
            recovered = tuple(recover(gen))
            result, files = _prepare(gen, catalog, name=name, now=now, accepts=tuple(accepts), extra=extra or {})
            written = tuple(_transaction(gen, files).commit()) if result.ok and files else ()
        except OSError as exc:  # a read-only folder or file, a full disk: the transaction rolled back
            raise SpecguardError(not_writable(gen, exc)) from None
    diags = tuple(sorted_diagnostics([*lock.notes, *result.diagnostics]))
    return result._replace(diagnostics=diags, written=written, recovered=recovered)


def _transaction(gen: Path, files: dict[str, str | None]):
    """One atomic transaction over generated/: a file maps to its new text, or to None to remove it."""
    from specguard.compiler.store.atomic import GeneratedTransaction

    txn = GeneratedTransaction(gen)
    for rel, text in files.items():
        if text is None:
            txn.remove(rel)
        else:
            txn.stage(rel, text)
    return txn


def _prepare(gen: Path, spec: Catalog, *, name: str, now: datetime, accepts,
             extra: dict[str, str], files: bool = True) -> tuple[CompileResult, dict[str, str | None]]:
    """Everything a compile decides: the result, and the files to write (None: to remove), relative to
    generated/, in the order they are written: migrations, generated code, then the records."""
    from specguard.compiler.rules.accept import apply_acceptances, unused_acceptance
    from specguard.compiler.store.compiled import read_compiled
    from specguard.compiler.store.layout import migration_name

    name = migration_name(name)
    compiled = read_compiled(gen)
    if compiled.catalog is None or compiled.blocking:
        return CompileResult(diagnostics=tuple(compiled.blocking or compiled.diagnostics)), {}
    old = compiled.catalog
    artifacts = _artifact_files(gen, spec, extra) if files else {}  # not files: the migrations, verdicts only
    if old == spec:
        staged = {**_unchanged_files(compiled), **artifacts} if files else {}
        return CompileResult(diagnostics=tuple(unused_acceptance(a) for a in accepts), written=tuple(staged)), staged
    from specguard.progress import report

    report("judging changes", 0, 3)
    judged = judge(old, spec)
    matched, diags = apply_acceptances(_placed(judged.findings, compiled.state_span), accepts)
    if has_errors(diags):
        return CompileResult(diagnostics=tuple(sorted_diagnostics(diags))), {}
    report("planning migrations", 1, 3)
    migrations, accepted = _migrations(judged.ops, spec, matched, name, now, compiled.history.folders)
    report("recording the state", 2, 3)
    staged = _compiled_files(compiled, spec, migrations, accepted, artifacts) if files else {}
    return CompileResult(diagnostics=tuple(sorted_diagnostics(diags)), migrations=migrations,
                         accepted=accepted, written=tuple(staged)), staged


def _migrations(ops, spec: Catalog, matched, name: str, now: datetime, existing: tuple[str, ...]):
    from specguard.compiler.emit.sql import plan_ops
    from specguard.compiler.emit.sql.headers import with_accepted_header
    from specguard.compiler.store.layout import folder_names

    scripts = plan_ops(list(ops), name, spec)
    folders = folder_names([s.suffix for s in scripts], now, existing)
    accepted = tuple(dict.fromkeys(  # one record per acceptance, even if two findings share a target
        AcceptedFinding(a.code, a.target, a.reason, _owner(f, scripts, folders)) for f, a in matched
    ))
    migrations = tuple(
        PlannedMigration(folder, with_accepted_header(s.sql, [a for a in accepted if a.migration == folder]),
                         s.transactional, tuple(s.ops))
        for folder, s in zip(folders, scripts)
    )
    return migrations, accepted


def _owner(finding: Diagnostic, scripts, folders) -> str:
    """The migration whose operations the finding is about; the first one when none says so."""
    for folder, s in zip(folders, scripts):
        if any(op.target == finding.target for op in s.ops):
            return folder
    return folders[0] if folders else ""


def _artifact_files(gen: Path, catalog: Catalog, extra: dict[str, str]) -> dict[str, str | None]:
    """Every file compiled from the whole catalog, its manifest, and None for each file that the last
    compile wrote and nothing produces any more."""
    from specguard.compiler.emit.artifacts import artifacts
    from specguard.compiler.emit.fingerprint import inputs_fingerprint
    from specguard.compiler.store.artifacts import read_manifest, render_manifest
    from specguard.compiler.store.layout import ARTIFACTS_SUM

    made = {**extra, **artifacts(catalog)}
    recorded, _ = read_manifest(gen)
    files: dict[str, str | None] = {rel: None for rel in sorted(recorded) if rel not in made}
    files.update(made)
    if made:
        files[ARTIFACTS_SUM] = render_manifest(made, inputs_fingerprint(catalog))
    elif (gen / ARTIFACTS_SUM).is_file():
        files[ARTIFACTS_SUM] = None
    return files


def _compiled_files(compiled, spec: Catalog, migrations, accepted, artifacts: dict[str, str | None]) -> dict[str, str | None]:
    from specguard.compiler.store.checksums import build_sum, sha256_hex
    from specguard.compiler.store.layout import (
        LOCK_PATH,
        STATE_FILE,
        SUM_FILE,
        migration_sql_path,
    )
    from specguard.compiler.store.snapshot import catalog_to_json

    files: dict[str, str | None] = {migration_sql_path(m.folder): m.sql for m in migrations}
    files[LOCK_PATH] = compiled.lock_text()
    files.update(artifacts)
    new_sum = build_sum([*compiled.history.released, *((m.folder, sha256_hex(m.sql.encode())) for m in migrations)])
    files[SUM_FILE] = new_sum.render()  # the record of the history, then the state: last of all
    files[STATE_FILE] = catalog_to_json(spec, (*compiled.accepted, *accepted))
    return files


def _unchanged_files(compiled) -> dict[str, str]:
    """Specs equal to the compiled state: nothing to write but a missing or wrong lock file."""
    from specguard.compiler.store.history import check_lock_file
    from specguard.compiler.store.layout import LOCK_CONTENT, LOCK_PATH

    if compiled.exists and check_lock_file(compiled.root):
        return {LOCK_PATH: LOCK_CONTENT}
    return {}
