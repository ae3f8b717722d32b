"""Every code is documented in four parts, and ``explain`` prints it."""

from __future__ import annotations

import re

import pytest

from specguard.diagnostics.codes import CODES
from specguard.diagnostics import SpecguardError
from specguard.render.explain import SECTIONS, explain, explain_all, sections


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_four_part_doc(code):
    c = CODES[code]
    parts = sections(c.doc)
    assert list(parts) == list(SECTIONS), f"{code}: sections {list(parts)}"
    for title, body in parts.items():
        assert len(body) >= 20, f"{code}: '{title}' is too thin"
    assert "```" in parts["Example"], f"{code}: the example needs a snippet"
    assert c.doc.count("```") % 2 == 0, f"{code}: unbalanced code fence"
    assert c.summary.endswith("."), f"{code}: the summary is a sentence"


@pytest.mark.parametrize("code", sorted(CODES))
def test_explain_prints_header_summary_and_parts(code):
    c = CODES[code]
    out = explain(code)
    lines = out.splitlines()
    assert lines[0] == f"{c.code} {c.name} ({c.severity.value}, {c.category.value})"
    assert lines[2] == c.summary
    for title in SECTIONS:
        assert title in lines
    assert "```" not in out and "## " not in out
    assert out.endswith("\n") and not out.endswith("\n\n")


def test_header_example():
    assert explain("SG301").startswith("SG301 drop-column (error, destructive)\n")


def test_lookup_by_name_and_case():
    assert explain("drop-column") == explain("SG301") == explain("sg301") == explain(" DROP-COLUMN ".lower())


def test_unknown_code_is_a_usage_error_with_suggestion():
    with pytest.raises(SpecguardError) as exc:
        explain("SG3O1")
    d = exc.value.diagnostic
    assert d.code == "SG003"
    assert "SG301" in (d.hint or "")


def test_index_lists_every_code():
    out = explain_all()
    assert len(re.findall(r"^SG\d{3} ", out, flags=re.M)) == len(CODES)
