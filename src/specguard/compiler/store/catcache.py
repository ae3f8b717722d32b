"""A cache of resolved catalogs: of spec trees read from git (the base of ``check --base``), and of
the working tree as a whole.

A base revision's spec folder is a git tree: its object id names its contents exactly, so the catalog
resolved from it is keyed by that id, the revision as typed (every span's file name starts with it),
the spec folder's path, and specguard's code stamp; a hit spares reading the base's files from git,
parsing, validating and resolving them. A working tree is keyed by the path and bytes of every spec
file (:func:`tree_key`): any edit misses, and then the per-file cache serves the unchanged files'
parsing. Only a tree that loaded with no diagnostic at all is stored,
so that no entry holds a credential (the scanner found none) and no message is ever replayed from
here. Entries are JSON (``store/catcodec.py``; never pickle), written atomically, at most
``MAX_ENTRY_BYTES`` each and ``MAX_ENTRIES`` in all (the least recently used go first). It lives
beside the per-file cache and is on exactly when that one is (``load.filecache.active``).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from specguard.compiler.ir.catalog import Catalog

FORMAT = 1
MAX_ENTRIES = 8
MAX_ENTRY_BYTES = 256 * 1024 * 1024


class CatalogCache:
    """Catalog entries under ``folder`` for one code stamp."""

    def __init__(self, folder: Path, stamp: bytes):
        self.folder = folder
        self.stamp = stamp

    def key(self, *parts: str) -> str:
        h = hashlib.sha256(b"%d:" % FORMAT + self.stamp)
        for p in parts:
            h.update(b"\0" + p.encode("utf-8", "surrogateescape"))
        return h.hexdigest()

    def get(self, key: str) -> Catalog | None:
        """The catalog stored under ``key``, or None (no entry, or one that cannot be read)."""
        from specguard.compiler.store.catcodec import decode_catalog

        path = self.folder / f"{key}.json"
        try:
            catalog = decode_catalog(path.read_text("utf-8"))
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None
        try:
            os.utime(path)  # recently used: pruned last
        except OSError:
            pass
        return catalog

    def put(self, key: str, catalog: Catalog) -> None:
        """Store the catalog of a clean tree; a cache that cannot be written is only slower."""
        from specguard.compiler.store.catcodec import Unencodable, encode_catalog

        try:
            payload = encode_catalog(catalog).encode()
        except (Unencodable, ValueError, TypeError):
            return
        if len(payload) > MAX_ENTRY_BYTES:
            return
        from specguard.compiler.load.filecache import put_entry

        if put_entry(self.folder, key, payload):
            try:
                self._prune()
            except OSError:
                pass

    def _prune(self) -> None:
        entries = [e for e in os.scandir(self.folder) if e.name.endswith(".json")]
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda e: e.stat().st_mtime_ns)
        for e in entries[:-MAX_ENTRIES]:
            os.unlink(e.path)


def tree_key(cache: CatalogCache, texts: dict[str, bytes | None]) -> str:
    """The key of a spec tree held in memory (display path -> bytes)."""
    h = hashlib.sha256()
    for name in sorted(texts):
        data = texts[name]
        raw = name.encode("utf-8", "surrogateescape")
        h.update(b"%d:%s:%d:" % (len(raw), raw, -1 if data is None else len(data)))
        h.update(data or b"")
    return cache.key("tree", h.hexdigest())


def active() -> CatalogCache | None:
    """The catalog cache of this run: beside the active per-file cache, when there is one."""
    from specguard.compiler.load.filecache import active as files

    cache = files()
    if cache is None:
        return None
    return CatalogCache(cache.folder.parent / "catalogs", cache.stamp)
