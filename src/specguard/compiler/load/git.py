"""``check --base GITREF``: classify the changes between a git revision's specs and the working tree.

The base specs are read from git objects (``git ls-tree`` / ``git cat-file``), never from a checkout,
so the working tree is untouched and the check works in a shallow CI clone that has fetched the ref.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from specguard.diagnostics.codes import diag
from specguard.compiler.ir.catalog import Catalog
from specguard.diagnostics import Diagnostic, Severity, SpecguardError

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


def changes_since(rev: str, spec_dir: Path, catalog: Catalog) -> list[Diagnostic]:
    """Findings of the rules on every change from ``rev``'s specs to the current ones."""
    from specguard.compiler.pipeline import load_texts

    texts = read_specs_at(rev, spec_dir)
    base = load_texts(texts) if texts else None
    if base is not None and any(d.severity is Severity.ERROR for d in base.diagnostics):
        return [diag("SG004", f"the specs at `{rev}` do not load ({len(base.diagnostics)} problems); "
                     "changes against it cannot be classified", None, severity=Severity.WARNING,
                     hint=f"run `specguard check` on {rev} to see them")]
    base_catalog = base.catalog if base else Catalog()
    from specguard.compiler.diff.compare import diff as diff_catalogs
    from specguard.compiler.rules import check_changes

    ops = diff_catalogs(base_catalog, catalog)
    return check_changes(ops, base_catalog, catalog)
