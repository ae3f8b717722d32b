"""The load stage's front door: spec files (bytes or text) -> validated spec documents.

Nothing after this stage sees raw YAML. A file that cannot be read, decoded or parsed contributes
nothing (not half of itself); a document holding a credential is left out. Whatever is left out, for
any reason, leaves its names in ``broken``, so that references to it are not reported again as
unknown (one mistake, one diagnostic): the name a failed document declares, under its kind, or under
``ANY_KIND`` when its kind is unknown; for a file that does not parse, the ``name:`` lines found in its
text; and ``ANY_NAME`` when not even that can be told (a file too large to read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from specguard.compiler.load.discover import decode, display_path, scan_spec_tree, too_large
from specguard.compiler.load.filecache import active
from specguard.compiler.load.reading import MAX_FILE_BYTES, TooLarge, read_regular_file
from specguard.compiler.load.secrets import scan_document
from specguard.compiler.load.validate import LoadedSpec, validate_document
from specguard.compiler.load.yamlsrc import parse_documents
from specguard.diagnostics import Diagnostic, Span
from specguard.diagnostics.codes import diag
from specguard.progress import report

ANY_KIND = "*"  # a broken document whose kind is unknown may have declared a name of any kind
ANY_NAME = "*"  # a file whose names cannot be told at all
_NAME_LINE = re.compile(r"""^name:[ \t]*["']?([^\s"'#]+)""", re.M)


@dataclass
class Documents:
    specs: list[LoadedSpec] = field(default_factory=list)
    broken: dict[str, set[str]] = field(default_factory=dict)  # kind -> names declared but left out
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # display path -> text, for carets

    def left_out(self, kind: str, name: str) -> None:
        self.broken.setdefault(kind, set()).add(name)


FileMemo = dict  # content -> (display path, what that file contributed to Documents)


def load_documents(texts: dict[str, str | bytes | None], memo: FileMemo | None = None) -> Documents:
    """Every document of every file (display path -> content; None: too large to read), validated.

    What a file contributes depends on its path and content only, so with ``memo`` (one per run, e.g.
    shared by the two trees of ``check --base``) a file seen before is not read again."""
    out = Documents()
    names = sorted(texts)
    for i, name in enumerate(names):
        report("loading specs", i, len(names))
        part = _contribution(name, texts[name], memo)
        out.specs += part.specs
        for kind, names in part.broken.items():
            out.broken.setdefault(kind, set()).update(names)
        out.diagnostics += part.diagnostics
        out.sources.update(part.sources)
    return out


def _contribution(name: str, data: str | bytes | None, memo: FileMemo | None) -> Documents:
    if memo is None or data is None:
        return _load_file(name, data)
    seen = memo.get(data)
    if seen is not None and seen[0] == name:
        return seen[1]
    if seen is not None and not seen[1].diagnostics:
        # the same bytes under another path (the base revision's copy): only the spans' file differs
        return _relabeled(seen[1], name)
    part = _load_file(name, data)
    memo.setdefault(data, (name, part))
    return part


def _relabeled(part: Documents, name: str) -> Documents:
    """A clean file's contribution as if read under ``name``: a message that names no file and spans
    that do are all that depends on the path."""
    from specguard.compiler.load.yamlsrc import SourceDoc

    def doc_as(d: SourceDoc) -> SourceDoc:
        spans = {p: Span(name, s.line, s.column) for p, s in d.spans.items()}
        key_spans = {p: Span(name, s.line, s.column) for p, s in d.key_spans.items()}
        start = Span(name, d.start.line, d.start.column) if d.start is not None else None
        return SourceDoc(name, d.index, d.value, spans, key_spans, start, d.quoted)

    out = Documents(broken={k: set(v) for k, v in part.broken.items()}, sources=dict(zip([name], part.sources.values())))
    out.specs = [LoadedSpec(s.spec, doc_as(s.doc)) for s in part.specs]
    return out


def _load_file(name: str, data: str | bytes | None) -> Documents:
    out = Documents()
    text = _text(name, data, out)
    if text is None:
        return out
    out.sources[name] = text
    if not text.strip():
        out.diagnostics.append(diag("SG113", "the spec file is empty", Span(name, 1, 1),
                                    hint="add a spec, or delete the file"))
        return out
    cache = active() if isinstance(data, bytes) and not out.diagnostics else None
    key = cache.key(name, data) if cache is not None else ""
    docs = cache.get(key, name) if cache is not None else None
    parsed = docs is None
    if docs is None:
        docs, errs = parse_documents(text, name)
        out.diagnostics += errs
        if errs:
            _names_in_text(text, out)
            return out
    for doc in docs:
        # a cached file was stored only after its scan found nothing: scanning it again cannot
        _validate(doc, out, scan=parsed)
    if cache is not None and parsed and not out.diagnostics:
        cache.put(key, docs)  # only a clean file: no entry holds a credential or replays a message
    return out


def _text(name: str, data: str | bytes | None, out: Documents) -> str | None:
    if data is None:
        out.diagnostics.append(too_large(name))
        out.left_out(ANY_KIND, ANY_NAME)
        return None
    if not isinstance(data, bytes):
        return data
    text, errs = decode(data, name)
    out.diagnostics += errs
    if text is None and len(data) <= MAX_FILE_BYTES:
        _names_in_text(data.decode("utf-8", "replace"), out)
    elif text is None:
        out.left_out(ANY_KIND, ANY_NAME)
    return text


def _names_in_text(text: str, out: Documents) -> None:
    """The names a file that did not load may have declared, from its top-level ``name:`` lines."""
    names = _NAME_LINE.findall(text)
    for n in names or [ANY_NAME]:
        out.left_out(ANY_KIND, n)


def _validate(doc, out: Documents, scan: bool = True) -> None:
    secrets = list(scan_document(doc)) if scan else []
    out.diagnostics += secrets
    spec, errs = (None, []) if secrets else validate_document(doc)
    out.diagnostics += errs
    if spec is not None:
        out.specs.append(spec)
    elif isinstance(doc.value, dict) and isinstance(doc.value.get("name"), str):
        from specguard.compiler.load.fastspec import KINDS

        kind = doc.value.get("kind")
        out.left_out(kind if isinstance(kind, str) and kind in KINDS else ANY_KIND, doc.value["name"])


def read_spec_tree(root: Path, display_base: Path | None = None) -> tuple[dict[str, bytes | None], list[Diagnostic]]:
    """The bytes of every spec file under ``root`` by display path (None for a file too large to
    read), or the diagnostics that stop the run: SG001 for a missing or empty root, SG005 for every
    path refused or unreadable."""
    if not root.is_dir():
        return {}, [diag("SG001", f"the spec directory `{root}` does not exist", None,
                         hint="pass --specs DIR, or set [tool.specguard] specs in pyproject.toml")]
    tree = scan_spec_tree(root, display_base)
    texts: dict[str, bytes | None] = {}
    refused = list(tree.refused)
    for f in tree.files:
        shown = display_path(f, display_base)
        try:
            texts[shown] = read_regular_file(f)
        except TooLarge:
            texts[shown] = None
        except OSError as exc:
            refused.append(diag("SG005", f"`{shown}` cannot be read: {exc.strerror or exc}", Span(shown),
                                hint="fix its permissions, or remove it", target=shown))
    if refused:
        return {}, refused
    if not texts:
        return {}, [diag("SG001", f"no *.yaml or *.yml files under `{root}`", None,
                         hint="run `specguard init` to scaffold specs/")]
    return texts, []
