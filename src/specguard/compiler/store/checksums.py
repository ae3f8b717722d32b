"""``generated/migrations.sum``: a chained checksum of every released migration.

It sits beside ``migrations/`` rather than in it, so ``prisma migrate deploy`` never sees it.
Modelled on Atlas's ``atlas.sum``: one line per migration folder, in apply order, holding the
SHA-256 of its ``migration.sql`` and a running hash chained from the previous line, plus a header
hash over the whole list. An edited migration changes its file hash; a removal, an insertion in the
middle or a reorder breaks the chain of every later line; a hand-edited sum file fails its header.

    specguard-sum 1 total=<sha256 of the entry lines>
    20250101120000_init sql=<sha256 of migration.sql> chain=<sha256(prev chain, folder, sql)>

Hashes are lowercase hex so that ``sha256sum migration.sql`` can be compared by eye.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from specguard.compiler.store.layout import SUM_FILE
from specguard.diagnostics import Diagnostic, Span
from specguard.diagnostics.codes import diag

HEADER = "specguard-sum"
VERSION = "1"

_HEX = r"[0-9a-f]{64}"
_HEADER_RE = re.compile(rf"^{HEADER} (?P<version>\S+) total=(?P<total>{_HEX})$")
_ENTRY_RE = re.compile(rf"^(?P<folder>[^\s/\\]+) sql=(?P<sql>{_HEX}) chain=(?P<chain>{_HEX})$")


@dataclass(frozen=True)
class SumEntry:
    folder: str
    sql_sha256: str
    chain: str

    def line(self) -> str:
        return f"{self.folder} sql={self.sql_sha256} chain={self.chain}"


@dataclass(frozen=True)
class SumFile:
    entries: tuple[SumEntry, ...] = ()

    @property
    def total(self) -> str:
        return _total(self.entries)

    @property
    def folders(self) -> tuple[str, ...]:
        return tuple(e.folder for e in self.entries)

    def entry(self, folder: str) -> SumEntry | None:
        for e in self.entries:
            if e.folder == folder:
                return e
        return None

    def render(self) -> str:
        lines = [f"{HEADER} {VERSION} total={self.total}", *(e.line() for e in self.entries)]
        return "\n".join(lines) + "\n"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def chain_hash(previous: str, folder: str, sql_sha256: str) -> str:
    # NUL separators: a folder name cannot contain one, so no two inputs concatenate alike
    return sha256_hex(f"{previous}\0{folder}\0{sql_sha256}".encode())


def _total(entries) -> str:
    return sha256_hex("".join(e.line() + "\n" for e in entries).encode())


def build_sum(items) -> SumFile:
    """The sum of ``(folder, migration.sql sha256)`` pairs, in apply order."""
    entries, prev = [], ""
    for folder, sql_hash in items:
        prev = chain_hash(prev, folder, sql_hash)
        entries.append(SumEntry(folder, sql_hash, prev))
    return SumFile(tuple(entries))


def parse_sum(text: str, file: str = SUM_FILE) -> tuple[SumFile | None, list[Diagnostic]]:
    """Parse and verify a sum file. Any problem is an SG803 at file:line; the file is then None."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return None, [_corrupt(file, 1, "migrations.sum is empty: it has no header line")]
    m = _HEADER_RE.match(lines[0])
    if not m:
        return None, [_corrupt(file, 1, f"migrations.sum has no valid header (expected `{HEADER} {VERSION} total=<sha256>`)")]
    if m["version"] != VERSION:
        return None, [_corrupt(file, 1, f"migrations.sum has format version {m['version']}; this specguard reads {VERSION}")]
    diags: list[Diagnostic] = []
    entries: list[SumEntry] = []
    prev, seen = "", set()
    for lineno, line in enumerate(lines[1:], start=2):
        e = _ENTRY_RE.match(line)
        if not e:
            diags.append(_corrupt(file, lineno, f"malformed line: expected `<folder> sql=<sha256> chain=<sha256>`, got {line[:80]!r}"))
            continue
        entry = SumEntry(e["folder"], e["sql"], e["chain"])
        if entry.folder in seen:
            diags.append(_corrupt(file, lineno, f"migration {entry.folder} is listed twice"))
        elif entries and entry.folder <= entries[-1].folder:
            diags.append(_corrupt(file, lineno, f"migration {entry.folder} is listed after {entries[-1].folder}: entries must be in apply (name) order"))
        expected = chain_hash(prev, entry.folder, entry.sql_sha256)
        if entry.chain != expected and not diags:
            col = line.index("chain=") + len("chain=") + 1
            diags.append(_corrupt(file, lineno, f"the chain hash of {entry.folder} does not follow from the lines before it: the file was edited by hand or lines were moved", col))
        seen.add(entry.folder)
        entries.append(entry)
        prev = entry.chain
    if not diags and _total(entries) != m["total"]:
        col = lines[0].index("total=") + len("total=") + 1
        diags.append(_corrupt(file, 1, "the total hash does not match the entries: migrations.sum was edited by hand", col))
    if diags:
        return None, diags
    return SumFile(tuple(entries)), []


def read_sum(path: Path | str) -> tuple[SumFile | None, list[Diagnostic]]:
    """Read the sum file; a missing file is ``(None, [])`` and the caller decides if that is wrong."""
    path = Path(path)
    if not path.is_file():
        return None, []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return None, [_corrupt(str(path), 0, f"migrations.sum cannot be read: {e}")]
    return parse_sum(text, str(path))


def _corrupt(file: str, line: int, message: str, column: int = 1) -> Diagnostic:
    return diag(
        "SG803",
        message,
        Span(file, line, column if line else 0),
        hint="restore generated/migrations.sum from version control; never edit it by hand",
        target="migrations.sum",
    )
