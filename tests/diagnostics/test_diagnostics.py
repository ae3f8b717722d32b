"""The helpers of the bottom layer: a diagnostic to a dict and back, and an offset as line and column."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specguard.cli import resultcache
from specguard.diagnostics import Category, Diagnostic, Severity, Span, line_column
from specguard.diagnostics.redact import redact
from specguard.render.json import diagnostic_record

spans = st.none() | st.builds(Span, st.text(), st.integers(), st.integers())
diagnostics = st.builds(
    Diagnostic,
    code=st.text(),
    severity=st.sampled_from(Severity),
    category=st.sampled_from(Category),
    message=st.text(),
    span=spans,
    hint=st.none() | st.text(),
    target=st.none() | st.text(),
    notes=st.lists(st.text(), max_size=3).map(tuple),
)


@given(diagnostics)
def test_from_dict_reads_back_what_to_dict_wrote(d):
    assert Diagnostic.from_dict(d.to_dict()) == d
    assert Diagnostic.from_dict(json.loads(json.dumps(d.to_dict()))) == d


@given(st.lists(diagnostics, max_size=4))
def test_result_cache_keeps_notes_and_spans(diags):
    # the cache holds the diagnostics as they are printed: redacted, control characters escaped;
    # redaction is idempotent, so a replay prints exactly what the cold run printed
    with tempfile.TemporaryDirectory() as folder:
        resultcache.store(Path(folder), "k", diags)
        assert resultcache.load(Path(folder), "k") == [redact(d) for d in diags]
        assert [redact(d) for d in resultcache.load(Path(folder), "k")] == [redact(d) for d in diags]


def test_from_dict_refuses_a_record_without_notes():
    record = Diagnostic("SG100", Severity.ERROR, Category.SYNTAX, "m").to_dict()
    del record["notes"]
    with pytest.raises(KeyError):
        Diagnostic.from_dict(record)


F = "specs/a.yaml"


# (span, the contract's file, line, column): a line of 0 or less names the file alone
@pytest.mark.parametrize("span,where", [
    (None, (None, None, None)),
    (Span(F), (F, None, None)),
    (Span(F, 0, 4), (F, None, None)),
    (Span(F, -1, 4), (F, None, None)),
    (Span(F, 3, 0), (F, 3, None)),
    (Span(F, 3, 7), (F, 3, 7)),
])
def test_contract_record_keys_order_and_nulls(span, where):
    d = Diagnostic("SG106", Severity.ERROR, Category.SYNTAX, "m", span, "h", "T.c", ("a note",))
    record = diagnostic_record(d)
    assert list(record) == ["code", "severity", "category", "message", "file", "line", "column", "target", "hint"]
    assert (record["file"], record["line"], record["column"]) == where
    assert (record["severity"], record["category"], record["target"], record["hint"]) == ("error", "syntax", "T.c", "h")


# (text, 0-based offset, 1-based line and column)
@pytest.mark.parametrize("text,offset,expected", [
    ("abc", 0, (1, 1)),
    ("abc", 2, (1, 3)),
    ("ab\ncd", 2, (1, 3)),  # the newline itself ends line 1
    ("ab\ncd", 3, (2, 1)),
    ("ab\r\ncd", 4, (2, 1)),  # CRLF: only the \n counts
    ("a\n\nb", 3, (3, 1)),
    ("é\nxé!", 4, (2, 3)),  # characters, not bytes
    ("ab\ncd", 9, (2, 7)),  # past the end: counted as if the line went on
    (b"\xc3\xa9\n\xc3\xa9\xff", 5, (2, 3)),  # bytes: the column counts bytes
])
def test_line_column(text, offset, expected):
    assert line_column(text, offset) == expected
