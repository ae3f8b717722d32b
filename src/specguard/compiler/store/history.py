"""Integrity of the released migration history in ``generated/``: cheap enough for every commit.

- SG801: a released migration (one recorded in migrations.sum) was edited, removed or reordered, or
  a migration folder exists that the sum does not record (hand-written, or left by a compile that
  died; the next compile rolls the latter back).
- SG803: migrations.sum is missing while migrations exist, or is malformed.
- SG800: migration_lock.toml is missing or names another provider.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from specguard.compiler.store.checksums import SumFile, read_sum, sha256_hex
from specguard.compiler.store.layout import (
    LOCK_FILE,
    LOCK_PATH,
    MIGRATIONS_DIR,
    SUM_FILE,
    migration_folders,
    migration_sql_path,
    pending_journal,
)
from specguard.diagnostics import Diagnostic, Span
from specguard.diagnostics.codes import diag

_PROVIDER_RE = re.compile(r'^\s*provider\s*=\s*"(?P<p>[^"]*)"\s*$', re.M)


@dataclass(frozen=True)
class History:
    """The released migrations as recorded, and what is on disk."""

    sum: SumFile | None
    folders: tuple[str, ...]  # migration folders on disk, in apply (name) order
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    @property
    def released(self) -> list[tuple[str, str]]:
        """(folder, sha256 of migration.sql) of every released migration, in apply order."""
        return [(e.folder, e.sql_sha256) for e in self.sum.entries] if self.sum else []


def check_history(generated_dir: Path | str) -> History:
    """SG801/SG803 for the released migrations: each must still be there, unedited, in order."""
    gen = Path(generated_dir)
    folders = migration_folders(gen)
    sumfile, diags = read_sum(gen / SUM_FILE)
    if diags:
        return History(None, folders, tuple(diags))
    if sumfile is None:
        if folders:
            diags.append(diag("SG803", f"migrations.sum is missing, but {len(folders)} migration folder(s) exist",
                              Span(str(gen / SUM_FILE)), target=SUM_FILE,
                              hint="restore generated/migrations.sum from version control"))
        return History(None, folders, tuple(diags))
    diags += _released_edits(gen, sumfile, folders)
    diags += _unrecorded(gen, sumfile, folders)
    return History(sumfile, folders, tuple(diags))


def _released_edits(gen: Path, sumfile: SumFile, folders: tuple[str, ...]) -> list[Diagnostic]:
    out = []
    on_disk = set(folders)
    by_hash = {e.sql_sha256: e.folder for e in sumfile.entries}
    for e in sumfile.entries:
        path = gen / migration_sql_path(e.folder)
        actual = sha256_hex(path.read_bytes()) if e.folder in on_disk and path.is_file() else None
        if actual is None:
            out.append(_edited(e.folder, Span(str(path)), f"released migration {e.folder} was removed"))
        elif actual != e.sql_sha256:
            other = by_hash.get(actual)
            why = (f"now holds the content of released migration {other}: migrations were reordered"
                   if other and other != e.folder else "was edited after it was released")
            out.append(_edited(e.folder, Span(str(path)), f"released migration {e.folder} {why}"))
    return out


def _unrecorded(gen: Path, sumfile: SumFile, folders: tuple[str, ...]) -> list[Diagnostic]:
    out = []
    recorded = sumfile.folders
    last = recorded[-1] if recorded else ""
    interrupted = pending_journal(gen) is not None
    for f in folders:
        if f in recorded:
            continue
        if f < last:
            msg = (f"migration {f} is not recorded in migrations.sum and sorts before released migration "
                   f"{last}: it would be applied out of order")
        else:
            msg = f"migration {f} is not recorded in migrations.sum"
        hint = ("an interrupted compile left it: run `specguard compile` to roll back and compile again"
                if interrupted else
                "migrations are written by `specguard compile`; remove this folder and change the specs instead")
        out.append(diag("SG801", msg, Span(str(gen / migration_sql_path(f))), target=f, hint=hint))
    return out


def _edited(folder: str, span: Span, message: str) -> Diagnostic:
    return diag(
        "SG801", message, span, target=folder,
        hint=(f"restore {folder} from version control (git checkout -- generated/{MIGRATIONS_DIR}/{folder}); "
              "a released migration may already be applied somewhere: change the specs and compile a new one"),
    )


def check_lock_file(generated_dir: Path | str) -> list[Diagnostic]:
    """SG800 when migration_lock.toml is missing or does not name PostgreSQL."""
    path = Path(generated_dir) / LOCK_PATH
    if not path.is_file():
        return [diag("SG800", f"{LOCK_PATH} is missing", Span(str(path)),
                     target=LOCK_FILE, hint="run `specguard compile` to write it")]
    m = _PROVIDER_RE.search(path.read_text(encoding="utf-8", errors="replace"))
    if not m or m["p"] != "postgresql":
        found = f'"{m["p"]}"' if m else "no provider"
        return [diag("SG800", f'{LOCK_FILE} names {found}, not provider = "postgresql"', Span(str(path)),
                     target=LOCK_FILE, hint="run `specguard compile` to rewrite it")]
    return []
