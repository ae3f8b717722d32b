"""Files read once per run: a file seen before (under its own path or another) contributes exactly
what reading it again would."""

from __future__ import annotations

from pathlib import Path

from specguard.compiler.load.documents import load_documents

SPECS = Path(__file__).resolve().parents[2] / "specs"
BROKEN = b"kind: model\nname: Broken\ncolumns:\n  id: {type: uuid, primary_key: true, defualt: 1}\n"


def _tree(prefix: str) -> dict[str, bytes]:
    texts = {f"{prefix}{p.relative_to(SPECS).as_posix()}": p.read_bytes() for p in sorted(SPECS.rglob("*.yaml"))}
    texts[f"{prefix}models/broken.yaml"] = BROKEN
    texts[f"{prefix}models/empty.yaml"] = b""
    return texts


def _same(a, b) -> None:
    assert a.specs == b.specs
    assert [s.doc.spans for s in a.specs] == [s.doc.spans for s in b.specs]
    assert [(s.doc.file, s.doc.key_spans, s.doc.start, s.doc.quoted) for s in a.specs] == \
        [(s.doc.file, s.doc.key_spans, s.doc.start, s.doc.quoted) for s in b.specs]
    assert a.diagnostics == b.diagnostics and a.broken == b.broken and a.sources == b.sources


def test_a_memo_changes_nothing_under_the_same_or_another_path():
    memo: dict = {}
    head, base = _tree("specs/"), _tree("HEAD:specs/")
    base["HEAD:specs/models/user.yaml"] += b"\n# edited\n"
    _same(load_documents(head, memo), load_documents(head))
    _same(load_documents(base, memo), load_documents(base))
    _same(load_documents(head, memo), load_documents(head))
