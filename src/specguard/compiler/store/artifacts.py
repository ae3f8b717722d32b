"""``generated/artifacts.sha256``: what every generated file (not migrations) held when it was compiled.

In the format of ``sha256sum`` (``<hex>  <path>``, sorted by path), so ``cd generated && sha256sum -c
artifacts.sha256`` checks it by hand too. ``check`` compares each file with its recorded hash: a generated
file edited by hand, or deleted, is reported (SG800) without regenerating anything, which keeps the
pre-commit hook fast; ``compile`` rewrites every file from the catalog anyway.

The first line, a comment ``sha256sum`` skips, records a fingerprint of what the emitters read beyond
the compiled state (descriptions, specguard's version): ``check`` recomputes it from the specs, so a
generated file that would change although the compiled state did not (a reworded description) is
stale, again without generating anything.
"""

from __future__ import annotations

import re
from pathlib import Path

from specguard.compiler.store.checksums import sha256_hex
from specguard.compiler.store.layout import ARTIFACTS_SUM
from specguard.diagnostics import Diagnostic, Span
from specguard.diagnostics.codes import diag

_LINE = re.compile(r"^(?P<hash>[0-9a-f]{64})  (?P<path>[^\s/\\][^\n]*)$")
_HEADER = re.compile(r"^# specguard-artifacts 1 inputs=(?P<inputs>[0-9a-f]{64})$")


def render_manifest(files: dict[str, str], inputs: str) -> str:
    """The manifest of ``files`` (path -> text), headed by the fingerprint of the emitters' inputs."""
    lines = [f"# specguard-artifacts 1 inputs={inputs}\n"]
    return "".join(lines + [f"{sha256_hex(text.encode())}  {path}\n" for path, text in sorted(files.items())])


def read_manifest(generated_dir: Path | str) -> tuple[dict[str, str], list[Diagnostic]]:
    """``{path: sha256}`` of the recorded files; a malformed line is an SG803 at its line."""
    recorded, _, diags = read_manifest_with_inputs(generated_dir)
    return recorded, diags


def read_manifest_with_inputs(generated_dir: Path | str) -> tuple[dict[str, str], str | None, list[Diagnostic]]:
    """The recorded files, the recorded fingerprint of the emitters' inputs, and any SG803."""
    path = Path(generated_dir) / ARTIFACTS_SUM
    if not path.is_file():
        return {}, None, []
    out: dict[str, str] = {}
    inputs = None
    for lineno, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), start=1):
        if lineno == 1 and (h := _HEADER.match(line)):
            inputs = h["inputs"]
            continue
        m = _LINE.match(line)
        if not m or ".." in m["path"].split("/"):
            return {}, None, [diag("SG803", f"{ARTIFACTS_SUM} line {lineno} is not `<sha256>  <path>`",
                                   Span(str(path), lineno, 1), target=ARTIFACTS_SUM,
                                   hint="run `specguard compile` to rewrite it")]
        out[m["path"]] = m["hash"]
    return out, inputs, []


def check_artifacts(generated_dir: Path | str, inputs: str | None = None) -> list[Diagnostic]:
    """SG800 for every generated file that differs from what the last compile wrote, and for generated
    code made from other inputs than ``inputs`` (the fingerprint of the specs as they are now)."""
    gen = Path(generated_dir)
    recorded, recorded_inputs, diags = read_manifest_with_inputs(gen)
    if inputs is not None and recorded and recorded_inputs != inputs:
        diags.append(diag("SG800", "generated code is out of date: a description in the specs, or specguard itself, "
                          "changed since the last compile", Span(str(gen / ARTIFACTS_SUM)), target="generated",
                          hint="run `specguard compile`"))
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
