"""The front of the compiler: spec files -> validated specs -> IR catalog, with all diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from specguard.diagnostics.codes import diag
from specguard.compiler.ir.catalog import Catalog
from specguard.diagnostics import Diagnostic, Span, sorted_diagnostics


@dataclass
class LoadResult:
    catalog: Catalog
    diagnostics: list[Diagnostic]
    sources: dict[str, str] = field(default_factory=dict)  # display path -> text, for carets
    files: list[str] = field(default_factory=list)


def load_texts(texts: dict[str, str | bytes]) -> LoadResult:
    """Build a catalog from in-memory spec files (display path -> content). Used by --base and tests."""
    from specguard.compiler.resolve.resolver import build_catalog
    from specguard.compiler.load.discover import decode
    from specguard.compiler.load.secrets import scan_document
    from specguard.compiler.load.validate import validate_document
    from specguard.compiler.load.yamlsrc import parse_documents

    diags: list[Diagnostic] = []
    sources: dict[str, str] = {}
    loaded = []
    broken: dict[str, set[str]] = {}
    for name in sorted(texts):
        data = texts[name]
        if isinstance(data, bytes):
            text, errs = decode(data, name)
            diags += errs
            if text is None:
                continue
        else:
            text = data
        sources[name] = text
        if not text.strip():
            diags.append(diag("SG113", "the spec file is empty", Span(name, 1, 1), hint="add a spec, or delete the file"))
            continue
        docs, errs = parse_documents(text, name)
        diags += errs
        if errs:
            continue  # a file that does not parse contributes nothing, not half of itself
        for doc in docs:
            secrets = list(scan_document(doc))
            diags += secrets
            if secrets:
                continue
            spec, errs = validate_document(doc)
            diags += errs
            if spec is not None:
                loaded.append(spec)
            elif isinstance(doc.value, dict) and isinstance(doc.value.get("name"), str):
                # declared but invalid: references to it are not "unknown", its own error says enough
                broken.setdefault(str(doc.value.get("kind")), set()).add(doc.value["name"])
    catalog, errs = build_catalog(loaded, broken)
    diags += errs
    return LoadResult(catalog, sorted_diagnostics(diags), sources, sorted(texts))


def load_specs(root: Path, display_base: Path | None = None) -> LoadResult:
    """Read every spec file under root. A missing or empty spec root is an SG001 diagnostic."""
    from specguard.compiler.load.discover import display_path, find_spec_files

    if not root.is_dir():
        return LoadResult(Catalog(), [diag("SG001", f"the spec directory `{root}` does not exist", None,
                                           hint="pass --specs DIR, or set [tool.specguard] specs in pyproject.toml")])
    files = find_spec_files(root)
    if not files:
        return LoadResult(Catalog(), [diag("SG001", f"no *.yaml or *.yml files under `{root}`", None,
                                           hint="run `specguard init` to scaffold specs/")])
    texts: dict[str, bytes] = {}
    for f in files:
        try:
            texts[display_path(f, display_base)] = f.read_bytes()
        except OSError as exc:
            where = Span(display_path(f, display_base))
            return LoadResult(Catalog(), [diag("SG001", f"cannot read {f}: {exc.strerror}", where)])
    return load_texts(texts)
