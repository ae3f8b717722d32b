"""The load stage's front door: spec files (bytes or text) -> validated spec documents.

Nothing after this stage sees raw YAML. A file that cannot be read, decoded or parsed contributes
nothing (not half of itself); a document holding a credential is left out; a document that fails
validation is left out but its name is kept in ``broken``, so that references to it are not
reported again as unknown (one mistake, one diagnostic).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from specguard.compiler.load.discover import decode, display_path, find_spec_files
from specguard.compiler.load.secrets import scan_document
from specguard.compiler.load.validate import LoadedSpec, validate_document
from specguard.compiler.load.yamlsrc import parse_documents
from specguard.diagnostics import Diagnostic, Span
from specguard.diagnostics.codes import diag


@dataclass
class Documents:
    specs: list[LoadedSpec] = field(default_factory=list)
    broken: dict[str, set[str]] = field(default_factory=dict)  # kind -> names declared but invalid
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # display path -> text, for carets


def load_documents(texts: dict[str, str | bytes]) -> Documents:
    """Every document of every file (display path -> content), validated, in file order."""
    out = Documents()
    for name in sorted(texts):
        text = _text(name, texts[name], out)
        if text is None:
            continue
        out.sources[name] = text
        if not text.strip():
            out.diagnostics.append(diag("SG113", "the spec file is empty", Span(name, 1, 1),
                                        hint="add a spec, or delete the file"))
            continue
        docs, errs = parse_documents(text, name)
        out.diagnostics += errs
        if not errs:
            for doc in docs:
                _validate(doc, out)
    return out


def _text(name: str, data: str | bytes, out: Documents) -> str | None:
    if not isinstance(data, bytes):
        return data
    text, errs = decode(data, name)
    out.diagnostics += errs
    return text


def _validate(doc, out: Documents) -> None:
    secrets = list(scan_document(doc))
    out.diagnostics += secrets
    if secrets:
        return
    spec, errs = validate_document(doc)
    out.diagnostics += errs
    if spec is not None:
        out.specs.append(spec)
    elif isinstance(doc.value, dict) and isinstance(doc.value.get("name"), str):
        out.broken.setdefault(str(doc.value.get("kind")), set()).add(doc.value["name"])


def read_spec_tree(root: Path, display_base: Path | None = None) -> tuple[dict[str, bytes], Diagnostic | None]:
    """The bytes of every spec file under ``root`` by display path, or the SG001 that stops the run."""
    if not root.is_dir():
        return {}, diag("SG001", f"the spec directory `{root}` does not exist", None,
                        hint="pass --specs DIR, or set [tool.specguard] specs in pyproject.toml")
    files = find_spec_files(root)
    if not files:
        return {}, diag("SG001", f"no *.yaml or *.yml files under `{root}`", None,
                        hint="run `specguard init` to scaffold specs/")
    texts: dict[str, bytes] = {}
    for f in files:
        try:
            texts[display_path(f, display_base)] = f.read_bytes()
        except OSError as exc:
            return {}, diag("SG001", f"cannot read {f}: {exc.strerror}", Span(display_path(f, display_base)))
    return texts, None
