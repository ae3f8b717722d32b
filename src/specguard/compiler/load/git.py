"""Spec files as they are at a git revision, for ``check --base GITREF``.

The base specs are read from git objects (``git ls-tree`` / ``git cat-file``), never from a checkout,
so the working tree is untouched and the check works in a shallow CI clone that has fetched the ref.
"""

from __future__ import annotations

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
    if rev.startswith("-"):
        raise SpecguardError(diag("SG004", f"invalid revision `{rev}`"))
    commit = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"]).decode().strip()
    listing = _git(["ls-tree", "-r", "-z", "--full-name", "--name-only", commit, "--", str(spec_dir)])
    prefix = _git(["rev-parse", "--show-prefix"]).decode().strip()
    names = [n for n in listing.decode("utf-8", "replace").split("\0") if n.endswith((".yaml", ".yml"))]
    if not names:
        return {}
    batch = "".join(f"{commit}:{n}\n" for n in names).encode()
    out = _git(["cat-file", "--batch"], batch)
    files: dict[str, bytes] = {}
    pos = 0
    for n in names:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split()
        size = int(header[2])
        body = out[header_end + 1 : header_end + 1 + size]
        pos = header_end + 1 + size + 1
        display = n[len(prefix):] if prefix and n.startswith(prefix) else n
        files[f"{rev}:{display}"] = body
    return files
