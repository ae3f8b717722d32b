"""GitHub workflow commands: one line per diagnostic, escaped the way the runner decodes."""

from __future__ import annotations

import pytest

from specguard.diagnostics import Severity, Span
from specguard.diagnostics.codes import diag
from specguard.render import render
from specguard.render.github import escape_data, escape_property

from .cases import mixed


def out(diags):
    return render(diags, "github", tool_version="0.0.0")


def test_annotation_line():
    d = diag("SG106", "unknown key `nulable`", Span("specs/models/companion.yaml", 12, 5))
    assert out([d]) == "::error file=specs/models/companion.yaml,line=12,col=5,title=SG106 unknown-key::unknown key `nulable`\n"


def test_levels():
    lines = out(mixed()).splitlines()
    assert len(lines) == len(mixed())
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::error", "::error", "::error", "::warning", "::warning", "::error", "::notice"]


@pytest.mark.parametrize(
    "raw, data, prop",
    [
        ("100%", "100%25", "100%25"),
        ("a\nb", "a%0Ab", "a%0Ab"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("%0A", "%250A", "%250A"),  # a literal %0A must not turn into a newline
        ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
    ],
)
def test_escaping(raw, data, prop):
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_hostile_message_and_file_stay_on_one_line():
    d = diag("SG107", "50% done\n::error::injected", Span("dir,with:odd%name.yaml", 1, 2), hint="x\ry")
    (line,) = out([d]).splitlines()
    assert line.startswith("::error file=dir%2Cwith%3Aodd%25name.yaml,line=1,col=2,title=SG107 invalid-value::")
    # a carriage return is a control character: shown escaped, never sent raw
    assert line.endswith("::50%25 done%0A::error::injected%0Ahint: x\\ry")


def test_control_characters_from_a_file_name_never_reach_the_log():
    d = diag("SG107", "bad \x1b]0;pwned\x07 value", Span("specs/a\x1b[2Jb\nc.yaml", 1, 2), hint="\x07")
    (line,) = out([d]).splitlines()
    assert "\x1b" not in line and "\x07" not in line
    assert line.startswith("::error file=specs/a\\x1b[2Jb\\nc.yaml,line=1,col=2,")


def test_no_span_and_no_column():
    lines = out([diag("SG800", "stale", None), diag("SG113", "empty", Span("a.yaml")),
                 diag("SG107", "bad", Span("a.yaml", 3, 0))]).splitlines()
    assert lines[0] == "::error title=SG800 generated-stale::stale"
    assert lines[1] == "::warning file=a.yaml,title=SG113 empty-spec::empty"
    assert lines[2] == "::error file=a.yaml,line=3,title=SG107 invalid-value::bad"


def test_info_is_notice_and_target_shown_without_span():
    line = out([diag("SG902", "differs", None, target="Companion.userId", severity=Severity.INFO)])
    assert line == "::notice title=SG902 drift-mismatch::differs%0Atarget: Companion.userId\n"


def test_empty():
    assert out([]) == ""
