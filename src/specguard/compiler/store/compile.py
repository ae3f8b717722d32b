"""``specguard compile`` and ``plan``: from the compiled state and the specs to the next migrations.

The order is the point: roll back an interrupted compile; refuse to build on a migration history that
was tampered with (SG801/SG803); diff; classify (error-level findings need an explicit
``--accept CODE:TARGET --reason TEXT``); plan; and write everything through one
:class:`GeneratedTransaction`, with ``migrations.sum`` and ``state.json`` last. When the specs equal
the compiled state nothing is written at all, so a no-op compile leaves the tree byte-identical.

The diff, rules and emit stages are imported lazily (they pull in pglast) through the three
``_diff``/``_rules``/``_plan`` hooks below, which tests may replace.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from specguard.diagnostics.codes import diag
from specguard.compiler.ir.catalog import Catalog
from specguard.compiler.store import integrity as ig
from specguard.compiler.store.atomic import GeneratedTransaction, recover
from specguard.compiler.store.checksums import SUM_FILE, build_sum, sha256_hex
from specguard.compiler.store.snapshot import AcceptedFinding, StateError, catalog_to_json, load_state
from specguard.diagnostics import Diagnostic, Severity, SpecguardError, Span, has_errors, sorted_diagnostics

_NAME_MAX = 200  # bytes; the folder name must stay well under common filesystem limits


@dataclass(frozen=True)
class Accept:
    """A reviewer's acceptance of one error-level finding: ``--accept CODE:TARGET --reason TEXT``."""

    code: str
    target: str
    reason: str


@dataclass(frozen=True)
class PlannedMigration:
    folder: str  # "<YYYYMMDDHHMMSS>_<suffix>"
    sql: str  # the whole migration.sql, accepted-findings header included
    transactional: bool
    ops: tuple = ()

    @property
    def suffix(self) -> str:
        return self.folder.partition("_")[2]


@dataclass(frozen=True)
class CompileResult:
    diagnostics: tuple[Diagnostic, ...] = ()
    migrations: tuple[PlannedMigration, ...] = ()
    accepted: tuple[AcceptedFinding, ...] = ()  # accepted by this compile
    written: tuple[str, ...] = ()  # paths under generated/ that were (or, for plan, would be) written
    recovered: tuple[str, ...] = ()  # paths an interrupted compile had left, now rolled back

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    @property
    def scripts(self) -> tuple[PlannedMigration, ...]:
        return self.migrations


class AcceptError(SpecguardError, ValueError):
    """A malformed ``--accept``; a ValueError too, so option parsers can treat it as one."""


def parse_accept(text: str, reason: str) -> Accept:
    """``CODE:TARGET`` (code or rule name, e.g. ``SG301:Companion.legacyNotes``) plus a reason."""
    from specguard.compiler.rules.registry import lookup

    code, sep, target = text.partition(":")
    c = lookup(code) if sep else None
    if not sep or not target.strip():
        raise _usage(f"--accept {text!r} is not CODE:TARGET", "e.g. --accept SG301:Companion.legacyNotes")
    if c is None:
        raise _usage(f"--accept {text!r}: unknown code {code.strip()!r}", "`specguard explain CODE` lists the codes")
    if not reason or not reason.strip():
        raise _usage(f"--accept {text}: a --reason is required", "say why the change is safe; it is recorded in the migration")
    return Accept(c.code, target.strip(), " ".join(reason.split()))


def _usage(message: str, hint: str) -> AcceptError:
    return AcceptError(diag("SG003", message, hint=hint, target="--accept"))


def migration_name(name: str) -> str:
    """A folder-safe name: letters, digits and ``_``, as Prisma's folder names are."""
    s = re.sub(r"[^A-Za-z0-9_]+", "_", name.strip()).strip("_")
    if not s:
        raise SpecguardError(diag("SG003", f"--name {name!r} has no letter or digit", target="--name",
                                  hint="e.g. --name add_companion_tags"))
    return s.encode()[:_NAME_MAX].decode("ascii")


# --- stage hooks (lazy: they import pglast) ---------------------------------------------------


def _diff(old: Catalog, new: Catalog) -> list:
    from specguard.compiler.diff import diff

    return diff(old, new)


def _rules(ops, old: Catalog, new: Catalog) -> list[Diagnostic]:
    from specguard.compiler.rules import check_changes

    return list(check_changes(ops, old, new))


def _plan(ops, old: Catalog, new: Catalog, name: str) -> list:
    from specguard.compiler.emit.sql.planner import plan_ops

    return list(plan_ops(list(ops), name))  # the diff already computed for the rules, not a second one


# --- the pipeline --------------------------------------------------------------------------------


def plan(generated_dir, spec_catalog: Catalog, *, name: str, now: datetime | None = None,
         accepts=()) -> CompileResult:
    """What :func:`compile_migrations` would write, writing nothing."""
    gen = Path(generated_dir)
    result, files = _prepare(gen, spec_catalog, name=name, now=now or datetime.now(timezone.utc),
                             accepts=tuple(accepts))
    txn = GeneratedTransaction(gen)
    for rel, text in files.items():
        txn.stage(rel, text)
    return dataclasses.replace(result, written=tuple(txn.changes()))


plan_compile = plan  # the name the CLI imports


def compile_migrations(generated_dir, spec_catalog: Catalog, *, name: str, now: datetime,
                       accepts=()) -> CompileResult:
    """Write the next migrations, the checksums and the snapshot; or nothing, with the reasons why."""
    gen = Path(generated_dir)
    recovered = tuple(recover(gen))
    result, files = _prepare(gen, spec_catalog, name=name, now=now, accepts=tuple(accepts))
    if not result.ok or not files:
        return dataclasses.replace(result, written=(), recovered=recovered)
    txn = GeneratedTransaction(gen)
    for rel, text in files.items():
        txn.stage(rel, text)
    written = tuple(txn.commit())
    return dataclasses.replace(result, written=written, recovered=recovered)


def _prepare(gen: Path, spec: Catalog, *, name: str, now: datetime, accepts: tuple[Accept, ...]):
    state_path = gen / ig.STATE_FILE
    try:
        old, old_accepted = load_state(state_path)
    except StateError as e:
        return CompileResult(diagnostics=(e.diagnostic,)), {}
    history = ig.check_history(gen)
    if history.diagnostics:
        return CompileResult(diagnostics=tuple(sorted_diagnostics(history.diagnostics))), {}
    if history.folders and not state_path.is_file():
        d = diag("SG803", f"{ig.STATE_FILE} is missing, but migrations exist", Span(str(state_path)),
                 target=ig.STATE_FILE, hint="restore generated/state.json from version control")
        return CompileResult(diagnostics=(d,)), {}
    files: dict[str, str] = {}
    if old == spec:
        diags = [_unused(a) for a in accepts]
        if (history.folders or state_path.is_file()) and ig.check_lock_file(gen):
            files[f"{ig.MIGRATIONS_DIR}/{ig.LOCK_FILE}"] = ig.LOCK_CONTENT  # repair, nothing else
        return CompileResult(diagnostics=tuple(diags), written=tuple(files)), files

    ops = _diff(old, spec)
    findings = [*_rules(ops, old, spec), *ig.check_configs(old, spec, str(state_path))]
    matched, diags = _gate(findings, accepts)
    if has_errors(diags):
        return CompileResult(diagnostics=tuple(sorted_diagnostics(diags))), {}

    scripts = _plan(ops, old, spec, migration_name(name))
    folders = _folder_names(scripts, now, history.folders)
    accepted = tuple(dict.fromkeys(  # one record per acceptance, even if two findings share a target
        AcceptedFinding(a.code, a.target, a.reason, _owner(f, scripts, folders)) for f, a in matched
    ))
    migrations = tuple(
        PlannedMigration(folder, _with_header(s.sql, [a for a in accepted if a.migration == folder]),
                         s.transactional, tuple(s.ops))
        for folder, s in zip(folders, scripts)
    )
    for m in migrations:
        files[f"{ig.MIGRATIONS_DIR}/{m.folder}/{ig.MIGRATION_SQL}"] = m.sql
    files[f"{ig.MIGRATIONS_DIR}/{ig.LOCK_FILE}"] = _lock_text(gen)
    released = [(e.folder, e.sql_sha256) for e in history.sum.entries] if history.sum else []
    new_sum = build_sum([*released, *((m.folder, sha256_hex(m.sql.encode())) for m in migrations)])
    files[SUM_FILE] = new_sum.render()  # the record of the history, then the state: last of all
    files[ig.STATE_FILE] = catalog_to_json(spec, (*old_accepted, *accepted))
    return CompileResult(diagnostics=tuple(sorted_diagnostics(diags)), migrations=migrations,
                         accepted=accepted, written=tuple(files)), files


UNACCEPTABLE = frozenset({"SG801", "SG802"})


def _gate(findings, accepts):
    """Pair each error-level finding with its acceptance; the rest pass through as diagnostics."""
    matched, diags, used = [], [], set()
    for f in findings:
        if f.severity is not Severity.ERROR:
            diags.append(f)
            continue
        # a released config version is immutable: no acceptance can edit one (spec-format.md)
        a = None if f.code in UNACCEPTABLE else next(
            (a for a in accepts if a.code == f.code and a.target == f.target), None)
        if a is None:
            hint = f.hint or ""
            if "--accept" not in hint:
                more = f"accept it with --accept {f.code}:{f.target} --reason TEXT if it is intended"
                hint = f"{hint}; {more}" if hint else more
            diags.append(dataclasses.replace(f, hint=hint))
        else:
            matched.append((f, a))
            used.add(a)
    diags += [_unused(a) for a in accepts if a not in used]
    return matched, diags


def _unused(a: Accept) -> Diagnostic:
    return diag("SG003", f"--accept {a.code}:{a.target} matches no finding of this compile",
                severity=Severity.WARNING, target=a.target,
                hint="`specguard plan` lists the findings and their targets")


def _lock_text(gen: Path) -> str:
    # Keep a correct lock file as it is: older Prisma versions worded the comment differently.
    p = gen / ig.MIGRATIONS_DIR / ig.LOCK_FILE
    if p.is_file() and not ig.check_lock_file(gen):
        return p.read_text(encoding="utf-8")
    return ig.LOCK_CONTENT


def _folder_names(scripts, now: datetime, existing: tuple[str, ...]) -> list[str]:
    """Timestamps from ``now`` in UTC, one second apart, strictly after every existing folder."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)  # a naive time is taken to be UTC already
    t = now.astimezone(timezone.utc).replace(microsecond=0, tzinfo=None)
    stamps = [m["ts"] for f in existing if (m := ig.FOLDER_RE.match(f))]
    if stamps:
        t = max(t, datetime.strptime(max(stamps), "%Y%m%d%H%M%S") + timedelta(seconds=1))
    out = []
    for i, s in enumerate(scripts):
        suffix = re.sub(r"[^A-Za-z0-9_]+", "_", s.suffix).strip("_") or "migration"
        out.append(f"{(t + timedelta(seconds=i)):%Y%m%d%H%M%S}_{suffix}")
    return out


def _owner(finding: Diagnostic, scripts, folders) -> str:
    """The migration whose operations the finding is about; the first one when none says so."""
    for folder, s in zip(folders, scripts):
        if any(op.target == finding.target for op in s.ops):
            return folder
    return folders[0] if folders else ""


_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def _with_header(sql: str, accepted) -> str:
    if not accepted:
        return sql
    # A reason is free user text inside a SQL comment: a line break would end the comment.
    lines = ["-- specguard: accepted findings (also recorded in generated/state.json)"]
    for a in accepted:
        lines.append(f"--   {a.code} {_BREAKS.sub(' ', a.target)}: {_BREAKS.sub(' ', a.reason)}")
    return "\n".join(lines) + "\n" + sql
