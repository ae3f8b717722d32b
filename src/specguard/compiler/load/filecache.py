"""A per-file content-hash cache of what parsing a spec file gives: its documents with their spans.

The result cache (``cli/resultcache.py``) answers a check whose whole tree is unchanged; this one
serves the unchanged files of a tree where a few changed, as ruff's and mypy's caches do. An entry is
keyed by a SHA-256 over specguard's code stamp, the file's display path (its spans carry it) and its
bytes, so a hit is exactly what parsing the file again would give; everything after parsing (the
credential scan, validation, resolution) runs as before.

Only files whose load gave no diagnostic at all are stored: a file that does not parse, holds a
credential (the hardening's definition, ``diagnostics/redact.py``) or fails validation is read again
each time, so no entry ever holds a secret and no message is ever replayed from here. Entries are
JSON (never pickle: a cache folder must not be a way to run code), written atomically, each at most
``MAX_ENTRY_BYTES``; the oldest are pruned past ``MAX_ENTRIES``. ``check --no-cache`` and
``SPECGUARD_NO_CACHE`` leave it unused.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from specguard.compiler.load.yamlsrc import SourceDoc
from specguard.diagnostics import Span

FORMAT = 1
MAX_ENTRIES = 20_000
MAX_ENTRY_BYTES = 1024 * 1024
MAX_FRAGMENTS = 50_000


class FileCache:
    """Entries under ``folder`` for one code stamp (specguard's version and sources), and the SQL
    fragments canonicalized under that stamp (see :meth:`fragment`)."""

    def __init__(self, folder: Path, stamp: str):
        self.folder = folder
        self.stamp = f"{FORMAT}:{stamp}".encode()
        self.wrote = False
        self._fragments: dict[str, list] | None = None
        self._new_fragments = False

    def _fragment_file(self) -> Path:
        return self.folder / f"fragments-{hashlib.sha256(self.stamp).hexdigest()[:16]}.json"

    def fragment(self, text: str) -> list | None:
        """What ``resolve.sqlfrag`` stored for this fragment text: a check whose fragments are all
        known does not import pglast. Only fragments that parsed are stored."""
        if self._fragments is None:
            try:
                loaded = json.loads(self._fragment_file().read_bytes())
                self._fragments = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self._fragments = {}
        return self._fragments.get(text)

    def remember_fragment(self, text: str, value: list) -> None:
        if self.fragment(text) is None and len(self._fragments) < MAX_FRAGMENTS:
            self._fragments[text] = value
            self._new_fragments = True

    def _write_fragments(self) -> None:
        if not self._new_fragments:
            return
        payload = json.dumps(self._fragments, ensure_ascii=False, sort_keys=True).encode()
        if not put_entry(self.folder, self._fragment_file().stem, payload):
            return
        try:
            for old in self.folder.glob("fragments-*.json"):  # those of other specguard versions
                if old != self._fragment_file():
                    old.unlink(missing_ok=True)
        except OSError:
            pass

    def key(self, name: str, data: bytes) -> str:
        h = hashlib.sha256(self.stamp)
        h.update(b"\0" + name.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        return h.hexdigest()

    def get(self, key: str, name: str) -> list[SourceDoc] | None:
        """The documents stored under ``key``, or None (no entry, or one that cannot be read)."""
        try:
            raw = json.loads((self.folder / f"{key}.json").read_bytes())
            return [_doc(name, d) for d in raw["docs"]]
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def put(self, key: str, docs: list[SourceDoc]) -> None:
        """Store the documents of a clean file; a cache that cannot be written is only slower."""
        try:
            payload = json.dumps({"docs": [_encode(d) for d in docs]}, ensure_ascii=False,
                                 separators=(",", ":")).encode()
        except (TypeError, ValueError):
            return
        if len(payload) > MAX_ENTRY_BYTES:
            return
        self.wrote = put_entry(self.folder, key, payload) or self.wrote

    def prune(self) -> None:
        """Write the new fragments; keep the ``MAX_ENTRIES`` most recently written entries."""
        self._write_fragments()
        if not self.wrote:
            return
        try:
            entries = [e for e in os.scandir(self.folder) if e.name.endswith(".json")
                       and not e.name.startswith("fragments-")]
            if len(entries) <= MAX_ENTRIES:
                return
            entries.sort(key=lambda e: e.stat().st_mtime_ns)
            for e in entries[:-MAX_ENTRIES]:
                os.unlink(e.path)
        except OSError:
            pass


def put_entry(folder: Path, key: str, payload: bytes) -> bool:
    """Write ``folder/<key>.json`` atomically, in a folder that git ignores (every cache folder holds
    its own ``.gitignore``, whichever cache made it first); False when it cannot be written: a cache is
    only ever slower without its entry, never wrong."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", "utf-8")
        tmp = folder / f".{key}.{os.getpid()}.tmp"
        tmp.write_bytes(payload)
        os.replace(tmp, folder / f"{key}.json")
        return True
    except OSError:
        return False


def _encode(d: SourceDoc) -> dict:
    def spans(m: dict) -> list:
        return [[list(p), s.line, s.column] for p, s in m.items()]

    start = [d.start.line, d.start.column] if d.start is not None else None
    return {"i": d.index, "v": d.value, "s": spans(d.spans), "k": spans(d.key_spans), "st": start,
            "q": [list(p) for p in d.quoted]}


def _doc(name: str, e: dict) -> SourceDoc:
    spans = _Spans(name, {tuple(p): (line, col) for p, line, col in e["s"]})
    key_spans = _Spans(name, {tuple(p): (line, col) for p, line, col in e["k"]})
    start = Span(name, e["st"][0], e["st"][1]) if e["st"] is not None else None
    return SourceDoc(name, e["i"], e["v"], spans, key_spans, start, {tuple(p) for p in e["q"]})


class _Spans(Mapping):
    """The spans of a cached document by key path, each made on first use: an entry holds hundreds,
    and a run reads a few of most documents (making them all was most of a cache hit's cost)."""

    __slots__ = ("_file", "_raw", "_made")

    def __init__(self, file: str, raw: dict[tuple, tuple[int, int]]):
        self._file, self._raw, self._made = file, raw, {}

    def __getitem__(self, path: tuple) -> Span:
        span = self._made.get(path)
        if span is None:
            line, column = self._raw[path]
            span = self._made[path] = Span(self._file, line, column)
        return span

    def __contains__(self, path: object) -> bool:
        return path in self._raw

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


_active: FileCache | None = None


def active() -> FileCache | None:
    """The cache this run reads and writes, if any (set by the command that owns the run)."""
    return _active


def activate(cache: FileCache | None) -> FileCache | None:
    """Make ``cache`` the active one; returns the one it replaces, to be restored."""
    global _active
    previous, _active = _active, cache
    return previous
