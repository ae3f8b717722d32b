"""A content-hash cache for ``specguard check``: a warm check reads no YAML and imports no parser.

The key is a SHA-256 over specguard's version, the options, and the path and bytes of every spec
file and every file under generated/. Any edit changes the key, so a hit is exactly the result a
cold run would give. ``--base`` runs are never cached (they depend on git state outside the tree).
Entries are small JSON files under ``.specguard-cache/`` (or ``SPECGUARD_CACHE_DIR``); the oldest are
pruned. Set ``SPECGUARD_NO_CACHE=1`` or pass ``--no-cache`` to bypass it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from specguard.diagnostics import Diagnostic

MAX_ENTRIES = 64
MAX_FILE_BYTES = 64 * 1024 * 1024  # a file larger than this is not hashed: no caching for that tree
FORMAT = 2  # 2: entries hold Diagnostic.to_dict()


def cache_dir(root: Path) -> Path:
    return Path(os.environ.get("SPECGUARD_CACHE_DIR") or root / ".specguard-cache")


def _files(folder: Path, suffixes: tuple[str, ...] | None) -> list[Path]:
    out: list[Path] = []
    if not folder.is_dir():
        return out
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if suffixes is None or name.endswith(suffixes):
                out.append(Path(dirpath) / name)
    return out


@functools.lru_cache(maxsize=1)
def code_stamp() -> str:
    """specguard's own code: an upgrade, or an edit of an editable install, must not hit old entries."""
    pkg = Path(__file__).resolve().parent
    parts = []
    for p in _files(pkg, (".py",)):
        st = p.stat()
        parts.append(f"{p.relative_to(pkg).as_posix()}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def check_key(version: str, options: dict, specs: Path, generated: Path) -> str | None:
    """The cache key of a check run, or None when the tree cannot be read (then: no caching): a
    file that is not a regular one, or too large, is left to the cold run to report."""
    h = hashlib.sha256()
    h.update(json.dumps({"v": version, "f": FORMAT, "o": options, "code": code_stamp()}, sort_keys=True).encode())
    from specguard.compiler.load.reading import read_regular_file

    try:
        for label, folder, suffixes in (("s", specs, (".yaml", ".yml")), ("g", generated, None)):
            h.update(f"\0{label}:{folder}\0".encode())
            for p in _files(folder, suffixes):
                # regular files only, and bounded: a FIFO or a huge file is the cold path's to report
                data = read_regular_file(p, MAX_FILE_BYTES)
                h.update(f"{p.relative_to(folder).as_posix()}\0{len(data)}\0".encode())
                h.update(data)
            # hidden folders (an interrupted compile's journal) change what check reports
            if folder.is_dir():
                h.update(("|".join(sorted(x.name for x in folder.iterdir() if x.name.startswith(".")))).encode())
    except OSError:
        return None
    return h.hexdigest()


def _digest(text: str) -> str:
    # a digest, not the text: a pyproject.toml may hold a credential, and no cache file may
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def remembered_folders(root: Path, pyproject: str) -> tuple[str, str] | None:
    """The spec and generated folders this very pyproject.toml text gave before, under this code."""
    try:
        memo = json.loads((cache_dir(root) / "settings.json").read_text("utf-8"))
        if memo["stamp"] == code_stamp() and memo["pyproject"] == _digest(pyproject):
            specs, generated = memo["specs"], memo["generated"]
            if type(specs) is str and type(generated) is str:
                return specs, generated
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def remember_folders(root: Path, pyproject: str, folders: tuple[str, str]) -> None:
    """Remember what a pyproject.toml gave (only one that parsed), for :func:`remembered_folders`."""
    from specguard.compiler.load.filecache import put_entry

    payload = {"stamp": code_stamp(), "pyproject": _digest(pyproject), "specs": folders[0], "generated": folders[1]}
    # not written: the next check parses pyproject.toml again
    put_entry(cache_dir(root), "settings", json.dumps(payload, sort_keys=True).encode())


def load(root: Path, key: str) -> list[Diagnostic] | None:
    path = cache_dir(root) / f"check-{key}.json"
    try:
        payload = json.loads(path.read_text("utf-8"))
        diags = [Diagnostic.from_dict(d) for d in payload["diagnostics"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.utime(path)  # keep recently used entries when pruning
    except OSError:
        pass
    return diags


def store(root: Path, key: str, diagnostics: list[Diagnostic]) -> None:
    from specguard.compiler.load.filecache import put_entry
    from specguard.diagnostics.redact import redact

    folder = cache_dir(root)
    # stored as printed: a credential in a spec must not land in a cache file either
    payload = json.dumps({"diagnostics": [redact(d).to_dict() for d in diagnostics]}, sort_keys=True)
    if not put_entry(folder, f"check-{key}", payload.encode()):
        return  # a cache that cannot be written is only a slower check
    try:
        entries = sorted(folder.glob("check-*.json"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written is only a slower check

