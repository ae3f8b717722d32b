"""What a base revision released in ``generated/``, held against the working tree (``check --base``).

``migrations.sum`` makes the history tamper-evident against itself only: whoever edits a released
migration can recompute the chain, and whoever edits ``state.json`` can forge an acceptance or drop
a released config version before changing it. The base branch is a copy the change cannot touch, so
everything it released must still be there, byte for byte (SG806):

- each migration folder at the base, with exactly its files and bytes;
- each line of its ``migrations.sum`` after the header, in order, at the start of today's;
- each config version and each acceptance record of its ``state.json``.

Acceptances recorded since the base are what let a reviewed change through ``check --base``; each
one is listed (SG805, a notice), so that a reviewer sees it.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from specguard.compiler.ir.catalog import ConfigVersion
from specguard.compiler.store.layout import MIGRATIONS_DIR, STATE_FILE, SUM_FILE
from specguard.compiler.store.snapshot import AcceptedFinding, StateError, catalog_from_json
from specguard.diagnostics import Diagnostic, Severity, Span
from specguard.diagnostics.codes import diag


def is_record(rel: str) -> bool:
    """Whether a file of generated/ (its path relative to it) is one of the records read here: the
    rest (generated code) is never read from the base."""
    return rel.startswith(f"{MIGRATIONS_DIR}/") or rel in (SUM_FILE, STATE_FILE)


class Released(NamedTuple):
    """``generated/`` at the base revision (paths relative to it)."""

    files: dict[str, bytes]
    configs: tuple[ConfigVersion, ...] = ()
    accepted: tuple[AcceptedFinding, ...] = ()


def read_released(files: dict[str, bytes], rev: str) -> tuple[Released, list[Diagnostic]]:
    """The base's files and the records of its state.json; a state.json that does not parse there is a
    warning (nothing of it can be held against the working tree)."""
    state = files.get(STATE_FILE)
    if state is None:
        return Released(files), []
    try:
        catalog, accepted = catalog_from_json(state.decode("utf-8", "replace"), f"{rev}:{STATE_FILE}")
    except StateError as exc:
        return Released(files), [diag("SG004", f"{STATE_FILE} at `{rev}` cannot be read: {exc.diagnostic.message}",
                                      severity=Severity.WARNING, hint="released records cannot be compared with it")]
    return Released(files, catalog.configs, accepted), []


def released_changes(released: Released, gen: Path, rev: str, configs, accepted) -> list[Diagnostic]:
    """SG806 for everything the base released that the working tree changed or dropped.

    ``configs`` and ``accepted`` are the working tree's records (its state.json)."""
    return [*_migration_folders(released.files, gen, rev), *_sum_lines(released.files, gen, rev),
            *_records(released, gen, rev, configs, accepted)]


def _migration_folders(files: dict[str, bytes], gen: Path, rev: str) -> list[Diagnostic]:
    folders: dict[str, dict[str, bytes]] = {}
    for rel, data in files.items():
        parts = rel.split("/")
        if len(parts) >= 3 and parts[0] == MIGRATIONS_DIR:
            folders.setdefault(parts[1], {})["/".join(parts[2:])] = data
    out = []
    for folder, base in sorted(folders.items()):
        root = gen / MIGRATIONS_DIR / folder
        now = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()} if root.is_dir() else {}
        what = ("was removed" if not now else
                "has files it did not have" if set(now) - set(base) else
                "lost files" if set(base) - set(now) else
                "was edited" if any(now[r].read_bytes() != data for r, data in base.items()) else None)
        if what:
            out.append(_changed(f"released migration {folder} {what} since `{rev}`", Span(str(root / "migration.sql")),
                                folder, f"restore it: git checkout {rev} -- {gen.as_posix()}/{MIGRATIONS_DIR}/{folder}"))
    return out


def _entries(text: str) -> list[str]:
    return [line for line in text.splitlines()[1:] if line.strip()]


def _sum_lines(files: dict[str, bytes], gen: Path, rev: str) -> list[Diagnostic]:
    base = files.get(SUM_FILE)
    if base is None:
        return []
    path = gen / SUM_FILE
    now = _entries(path.read_text("utf-8", "replace")) if path.is_file() else []
    for i, line in enumerate(_entries(base.decode("utf-8", "replace"))):
        if i >= len(now) or now[i] != line:
            folder = line.split(" ", 1)[0]
            return [_changed(f"line {i + 2} of {SUM_FILE} at `{rev}` ({folder}) was changed, moved or removed",
                             Span(str(path), min(i, len(now)) + 2, 1) if now else Span(str(path)), SUM_FILE,
                             f"restore it: git checkout {rev} -- {gen.as_posix()}/{SUM_FILE}, then compile")]
    return []


def _records(released: Released, gen: Path, rev: str, configs, accepted) -> list[Diagnostic]:
    where = Span(str(gen / STATE_FILE))
    restore = f"restore it: git checkout {rev} -- {gen.as_posix()}/{STATE_FILE}, then compile"
    now = {(c.name, c.version): c for c in configs}
    out = []
    for c in released.configs:
        mine = now.get((c.name, c.version))
        if mine != c:
            what = "removed from" if mine is None else "changed in"
            out.append(_changed(f"released config version {c.name}@{c.version} was {what} {STATE_FILE} since `{rev}`",
                                where, f"{c.name}@{c.version}", restore))
    for a in released.accepted:
        if a not in accepted:
            out.append(_changed(f"the acceptance of {a.code}:{a.target} recorded at `{rev}` was changed or removed",
                                where, a.target, restore))
    return out


def _changed(message: str, span: Span, target: str, hint: str) -> Diagnostic:
    return diag("SG806", message, span, target=target,
                hint=f"{hint}; what was released is history: change the specs and compile something new instead")


def forged(released: Released, gen: Path, rev: str, acceptances) -> list[Diagnostic]:
    """SG806 for an added acceptance that no compile can have written: one that claims a migration
    released at the base, or a migration whose header does not record it (compile writes both)."""
    base_folders = {rel.split("/")[1] for rel in released.files if rel.startswith(f"{MIGRATIONS_DIR}/")}
    out = []
    for a in acceptances:
        if not a.migration:
            continue
        sql = gen / MIGRATIONS_DIR / a.migration / "migration.sql"
        header = sql.read_text("utf-8", "replace").split("\n-- specguard:", 1)[0] if sql.is_file() else ""
        if a.migration in base_folders:
            why = f"claims migration {a.migration}, released at `{rev}` without it"
        elif f"--   {a.code} {a.target}: " not in header:
            why = f"is not recorded in the header of migration {a.migration}"
        else:
            continue
        out.append(_changed(f"the acceptance of {a.code}:{a.target} in {STATE_FILE} {why}: compile did not write it",
                            Span(str(gen / STATE_FILE)), a.target,
                            f"remove it from {STATE_FILE} and compile with --accept {a.code}:{a.target} --reason TEXT"))
    return out


def added(released: Released, accepted) -> list[AcceptedFinding]:
    """The acceptances of the working tree that the base does not record, in their order."""
    return [a for a in accepted if a not in released.accepted]


def listed(acceptances, gen: Path, rev: str, covered: set[tuple[str, str]]) -> list[Diagnostic]:
    """An SG805 notice for each acceptance added since the base."""
    out = []
    for a in acceptances:
        where = f" in {a.migration}" if a.migration else ""
        use = "" if (a.code, a.target) in covered else " (it covers no change since then)"
        out.append(diag("SG805", f"acceptance added since `{rev}`: {a.code}:{a.target}{where}: \"{a.reason}\"{use}",
                        Span(str(gen / STATE_FILE)), target=a.target, severity=Severity.INFO,
                        hint="a reviewer confirms that this change is intended and the reason holds"))
    return out
