"""``generated/artifacts.sha256``: what every generated file (not migrations) held when it was compiled.

In the format of ``sha256sum`` (``<hex>  <path>``, sorted by path), so ``cd generated && sha256sum -c
artifacts.sha256`` checks it by hand too. ``check`` compares each file with its recorded hash: a generated
file edited by hand, or deleted, is reported (SG800) without regenerating anything, which keeps the
pre-commit hook fast; ``compile`` rewrites every file from the catalog anyway.
"""

from __future__ import annotations

import re
from pathlib import Path

from specguard.compiler.store.checksums import sha256_hex
from specguard.compiler.store.layout import ARTIFACTS_SUM
from specguard.diagnostics import Diagnostic, Span
from specguard.diagnostics.codes import diag

_LINE = re.compile(r"^(?P<hash>[0-9a-f]{64})  (?P<path>[^\s/\\][^\n]*)$")


def render_manifest(files: dict[str, str]) -> str:
    return "".join(f"{sha256_hex(text.encode())}  {path}\n" for path, text in sorted(files.items()))


def read_manifest(generated_dir: Path | str) -> tuple[dict[str, str], list[Diagnostic]]:
    """``{path: sha256}`` of the recorded files; a malformed line is an SG803 at its line."""
    path = Path(generated_dir) / ARTIFACTS_SUM
    if not path.is_file():
        return {}, []
    out: dict[str, str] = {}
    for lineno, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), start=1):
        m = _LINE.match(line)
        if not m or ".." in m["path"].split("/"):
            return {}, [diag("SG803", f"{ARTIFACTS_SUM} line {lineno} is not `<sha256>  <path>`", Span(str(path), lineno, 1),
                             target=ARTIFACTS_SUM, hint="run `specguard compile` to rewrite it")]
        out[m["path"]] = m["hash"]
    return out, []


def check_artifacts(generated_dir: Path | str) -> list[Diagnostic]:
    """SG800 for every generated file that differs from what the last compile wrote."""
    gen = Path(generated_dir)
    recorded, diags = read_manifest(gen)
    for rel, digest in recorded.items():
        p = gen / rel
        if not p.is_file():
            diags.append(diag("SG800", f"generated file {rel} is missing", Span(str(p)), target=rel,
                              hint="run `specguard compile` to write it again"))
        elif sha256_hex(p.read_bytes()) != digest:
            diags.append(diag("SG800", f"generated file {rel} was edited after it was compiled", Span(str(p)),
                              target=rel, hint="generated files are rewritten by every compile: change the specs "
                              "and run `specguard compile` instead of editing them"))
    return diags
