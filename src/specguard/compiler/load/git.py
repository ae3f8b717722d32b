"""Spec files as they are at a git revision, for ``check --base GITREF``.

The base specs are read from git objects (``git ls-tree`` / ``git cat-file``), never from a checkout,
so the working tree is untouched and the check works in a shallow CI clone that has fetched the ref.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from specguard.diagnostics import SpecguardError
from specguard.diagnostics.codes import diag

GIT_TIMEOUT = 60


def _git(args: list[str], input_: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", *args], input=input_, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise SpecguardError(diag("SG004", "git is not installed", hint="install git, or drop --base")) from None
    except subprocess.TimeoutExpired:
        raise SpecguardError(diag("SG004", f"git {' '.join(args[:2])} took longer than {GIT_TIMEOUT}s")) from None
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SpecguardError(
            diag("SG004", f"git {args[0]} failed: {msg[-1] if msg else 'exit ' + str(proc.returncode)}",
                 hint="check that the revision exists here (in CI: fetch it, e.g. `git fetch origin main`)")
        )
    return proc.stdout


def read_specs_at(rev: str, spec_dir: Path) -> dict[str, bytes]:
    """Spec files under spec_dir as they are at ``rev``: {display path: content}."""
    files = read_tree_at(rev, spec_dir, suffixes=(".yaml", ".yml"))
    prefix = Path(spec_dir).as_posix().rstrip("/") + "/"
    return {f"{rev}:{prefix}{rel}" if prefix != "./" else f"{rev}:{rel}": data for rel, data in files.items()}


def read_tree_at(rev: str, folder: Path, suffixes: tuple[str, ...] | None = None, keep=None) -> dict[str, bytes]:
    """Every file under ``folder`` (a path relative to the current directory) as it is at ``rev``,
    by its path relative to ``folder``; files with other endings left out when ``suffixes`` is given,
    and those whose relative path ``keep`` refuses when it is given (they are never read)."""
    commit = _commit(rev)
    listing = _git(["ls-tree", "-r", "-z", "--full-name", "--name-only", commit, "--", str(folder)])
    base = _top_relative(folder)
    base = "" if base == "." else base + "/"
    names = [n for n in listing.decode("utf-8", "surrogateescape").split("\0")
             if n and n.startswith(base) and (suffixes is None or n.endswith(suffixes))
             and (keep is None or keep(n[len(base):]))]
    if not names:
        return {}
    return {n[len(base):]: body for n, body in zip(names, _blobs(commit, names))}


def tree_ids(rev: str, folders: list[Path]) -> tuple[str, ...] | None:
    """The git object id of each folder (a path relative to the current directory) at ``rev``, "-"
    for one that does not exist there: equal ids, equal contents, so caches can be keyed by them.
    None for a folder that is the top of the repository or outside it (then: no caching)."""
    commit = _commit(rev)
    if any(r == "." or r.startswith("../") or r == ".." for r in map(_top_relative, folders)):
        return None
    listing = _git(["ls-tree", "-z", "--full-name", commit, "--", *(str(f) for f in folders)])
    ids = {}
    for entry in listing.decode("utf-8", "surrogateescape").split("\0"):
        meta, _, name = entry.partition("\t")
        if name:
            ids[name] = meta.split()[2]
    return tuple(ids.get(_top_relative(f), "-") for f in folders)


def _commit(rev: str) -> str:
    if rev.startswith("-"):
        raise SpecguardError(diag("SG004", f"invalid revision `{rev}`"))
    return _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"]).decode().strip()


def _top_relative(folder: Path) -> str:
    top = _git(["rev-parse", "--show-toplevel"]).decode().strip()
    return Path(os.path.relpath(os.path.realpath(folder), os.path.realpath(top))).as_posix()


def _blobs(commit: str, names: list[str]) -> list[bytes]:
    """The contents of ``names`` at ``commit``, read in one ``git cat-file --batch``."""
    batch = "".join(f"{commit}:{n}\n" for n in names).encode("utf-8", "surrogateescape")
    out = _git(["cat-file", "--batch"], batch)
    bodies, pos = [], 0
    for _ in names:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        bodies.append(out[header_end + 1 : header_end + 1 + size])
        pos = header_end + 1 + size + 1
    return bodies
