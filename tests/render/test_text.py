"""The text renderer: golden output, source excerpts, and robustness against odd sources."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from specguard.compiler.rules import rename, volatile_default
from specguard.diagnostics import Span
from specguard.diagnostics.codes import diag
from specguard.render import render
from specguard.render.text import render_text, summary_line

from .cases import COMPANION, SOURCES, mixed


def text(diags, **kw):
    return render(diags, "text", tool_version="0.0.0", **kw)


def test_mixed_golden(golden):
    golden("mixed.txt", text(mixed(), sources=SOURCES))


def test_mixed_color_golden(golden):
    out = text(mixed(), sources=SOURCES, color=True)
    assert "\x1b[" in out
    golden("mixed_color.txt", out)
    # stripping the escapes gives exactly the plain output
    assert re.sub(r"\x1b\[[0-9;]*m", "", out) == text(mixed(), sources=SOURCES)


def test_clean_golden(golden):
    golden("clean.txt", text([]))


def test_no_color_unless_asked():
    assert "\x1b" not in text(mixed(), sources=SOURCES)


def test_header_format():
    first = text(mixed(), sources=SOURCES).splitlines()[0]
    assert first == f"{COMPANION}:6:29: error[SG106] unknown key `nulable` (syntax)"


def test_caret_under_column_with_tab():
    out = text([diag("SG110", "unknown type", Span(COMPANION, 7, 20))], sources=SOURCES).splitlines()
    src_line = next(line for line in out if line.startswith("7 |"))
    caret_line = next(line for line in out if "^" in line)
    assert "\t" not in src_line
    col = caret_line.index("^")
    assert src_line[col:].startswith("datetime")
    assert caret_line.count("^") == len("datetime")


def test_reads_file_lazily(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_bytes(b"kind: model\nname: Caf\xe9\n")  # Latin-1, not UTF-8
    out = text([diag("SG101", "not UTF-8", Span("a.yaml", 2, 10))])
    assert "2 | name: Caf\ufffd" in out
    assert "^" in out


def test_missing_file_and_line_out_of_range():
    out = text([rename.RULE.diag("renamed", Span("nope/nowhere.yaml", 3, 1)),
                volatile_default.RULE.diag("volatile", Span(COMPANION, 999, 1))], sources=SOURCES)
    assert "|" not in out  # no excerpt at all
    assert "nope/nowhere.yaml:3:1: warning[SG305] renamed (incompatible)" in out


def test_file_only_span():
    out = text([diag("SG113", "empty file", Span("specs/empty.yaml"))])
    assert out.startswith("specs/empty.yaml: warning[SG113] empty file (syntax)\n")


def test_summary_line():
    ds = mixed()
    assert summary_line(ds) == "4 errors, 2 warnings, 1 info"
    assert summary_line([]) == "no problems found"
    assert summary_line(ds[:1]) == "1 error"
    assert text(ds, sources=SOURCES).endswith("4 errors, 2 warnings, 1 info\n")


def test_crlf_and_bom_sources():
    src = {"w.yaml": "\ufeffkind: model\r\nname: X\r\n"}
    out = text([diag("SG105", "bad", Span("w.yaml", 1, 7))], sources=src)
    assert "1 | kind: model\n" in out
    caret = next(line for line in out.splitlines() if "^" in line)
    assert caret.index("^") == len("1 | kind: ")


@given(
    source=st.text(max_size=200),
    line=st.integers(min_value=-2, max_value=12),
    column=st.integers(min_value=-2, max_value=300),
    message=st.text(max_size=40),
)
def test_never_fails(source, line, column, message):
    out = render_text([diag("SG107", message, Span("f.yaml", line, column), hint=message)], sources={"f.yaml": source})
    assert out.endswith("1 error\n")


@given(prefix=st.text(alphabet="ab \t", max_size=20), word=st.text(alphabet="xyz", min_size=1, max_size=8))
def test_caret_lines_up_after_tabs(prefix, word):
    line = prefix + word + " rest"
    out = render_text([diag("SG107", "m", Span("f.yaml", 1, len(prefix) + 1))], sources={"f.yaml": line})
    lines = out.splitlines()
    shown = lines[2][len("1 | "):]
    caret = lines[3][len("  | "):]
    assert shown[caret.index("^"):].startswith(word)


def test_wide_characters_and_escape_sequences():
    src = {"w.yaml": "name: 名前 bad\n"}
    out = text([diag("SG107", "bad \x1b[31mvalue\x1b[0m", Span("w.yaml", 1, 10), hint="x\x07")], sources=src)
    assert "\x1b" not in out and "\x07" not in out
    caret = next(line for line in out.splitlines() if "^" in line)
    # "name: " is 6 columns, 名前 and the space 5 more: the caret sits under "bad"
    assert caret.index("^") == len("1 | ") + 6 + 5


def test_a_huge_line_is_shown_as_a_window_around_the_caret():
    line = "x: " + "a" * 15_000_000 + "BAD" + "b" * 15_000_000
    column = 3 + 15_000_000 + 1
    out = text([diag("SG107", "bad", Span("big.yaml", 1, column))], sources={"big.yaml": line})
    lines = out.splitlines()
    shown = next(x for x in lines if x.startswith("1 |"))
    caret = next(x for x in lines if "^" in x)
    assert max(len(x) for x in lines) < 300
    assert shown.startswith("1 | …") and shown.endswith("…")
    assert shown[caret.index("^"):].startswith("BAD")


def test_a_credential_cut_by_the_window_edge_is_masked_whole():
    token = "ghp_" + "Zq7" * 12
    line = "k: " + "a" * 300 + " " + token + " " + "b" * 300
    for column in (4, 300, 310, 330, 350):  # windows that cut the token at every place
        out = text([diag("SG107", "bad", Span("f.yaml", 1, column))], sources={"f.yaml": line})
        shown = next(x for x in out.splitlines() if x.startswith("1 |"))
        assert not any(token[i:i + 8] in shown for i in range(4, len(token) - 8)), shown


def test_a_file_that_is_not_regular_gives_no_excerpt(tmp_path, monkeypatch):
    import os

    monkeypatch.chdir(tmp_path)
    os.mkfifo("pipe.yaml")  # opening it for reading would block: it is never opened
    out = text([diag("SG107", "bad", Span("pipe.yaml", 1, 1))])
    assert "|" not in out and out.startswith("pipe.yaml:1:1: error[SG107] bad")
