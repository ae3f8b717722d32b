"""``specguard explain``: one code's documentation, from the one place it is written."""

from __future__ import annotations

import re

import pytest

from specguard.compiler.rules import drop_column
from specguard.compiler.rules.registry import all_codes, lookup
from specguard.diagnostics import SpecguardError
from specguard.render.explain import SECTIONS, explain, explain_all, plain_doc

CODES = [c.code for c in all_codes()]


@pytest.mark.parametrize("code", CODES)
def test_explain_prints_header_summary_and_parts(code):
    c = lookup(code)
    out = explain(code)
    lines = out.splitlines()
    assert lines[0] == f"{c.code} {c.name} ({c.severity.value}, {c.category.value})"
    assert lines[2] == c.summary
    assert out == f"{lines[0]}\n\n{c.summary}\n\n{plain_doc(c.doc)}\n"
    for title in SECTIONS:
        assert title in lines
    assert "```" not in out and "## " not in out
    assert out.endswith("\n") and not out.endswith("\n\n")


def test_explain_prints_the_rule_docstring():
    """No copy: the words of drop_column's module docstring are what the user reads."""
    out = explain("SG301")
    assert out.startswith("SG301 drop-column (error, destructive)\n")
    in_code = False
    for line in drop_column.__doc__.strip().splitlines()[1:]:
        if line.startswith("```"):
            in_code = not in_code
            continue
        if line and not line.startswith("## "):
            assert (("    " + line) if in_code else line).rstrip() in out.splitlines(), line


@pytest.mark.parametrize("spelling", ["SG301", "sg301", " SG301 ", "drop-column", "DROP-COLUMN"])
def test_lookup_by_code_or_kebab_name_in_any_case(spelling):
    assert explain(spelling) == explain("SG301")


@pytest.mark.parametrize(
    "asked, hint",
    [
        ("SG3O1", "did you mean `SG301` (drop-column)?"),
        ("drop-colum", "did you mean `SG301` (drop-column)?"),
        ("volatile-defualt", "did you mean `SG401` (volatile-default)?"),
        ("unkown-key", "did you mean `SG106` (unknown-key)?"),
        ("nothing-like-it", "codes look like `SG301` or `drop-column`"),
    ],
)
def test_unknown_code_is_a_usage_error_with_suggestion(asked, hint):
    with pytest.raises(SpecguardError) as exc:
        explain(asked)
    d = exc.value.diagnostic
    assert (d.code, d.message, d.hint) == ("SG003", f"unknown code `{asked}`", hint)


def test_index_lists_every_code_once():
    out = explain_all()
    assert re.findall(r"^(SG\d{3}) ", out, flags=re.M) == CODES


@pytest.mark.parametrize(
    "doc, plain",
    [
        ("## Example\nText:\n```yaml\na: 1\n```\nafter", "Example\nText:\n    a: 1\nafter"),
        # a spec and then the output it gives: two snippets stay apart
        ("Spec:\n```yaml\na: 1\n```\n```console\n$ specguard check\n```", "Spec:\n    a: 1\n\n    $ specguard check"),
    ],
)
def test_plain_doc(doc, plain):
    assert plain_doc(doc) == plain
