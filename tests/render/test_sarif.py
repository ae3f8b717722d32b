"""SARIF 2.1.0: valid against the official schema (vendored in tests/data), with rules and stable
fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from specguard.compiler.rules import drop_column
from specguard.compiler.rules.base import Rule
from specguard.compiler.rules.registry import all_codes, lookup
from specguard.diagnostics import Span
from specguard.diagnostics.codes import diag
from specguard.render import render
from specguard.render.explain import plain_doc

from .cases import mixed

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def finding(c, message, span):
    """A diagnostic of any code: rules build their own, the other codes go through ``diag``."""
    return c.diag(message, span) if isinstance(c, Rule) else diag(c.code, message, span)


def sarif(diags, version="1.2.3"):
    return json.loads(render(diags, "sarif", tool_version=version))


def test_valid_against_official_schema(validator):
    every = [finding(c, f"message of {c.code}", Span("specs/a b/é.yaml", 2, 3)) for c in all_codes()]
    for diags in (mixed(), [], every):
        log = sarif(diags)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_schema_rejects_a_broken_log(validator):
    # the vendored schema really constrains: a result without a message, a bad level
    log = sarif(mixed())
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["results"][1]["message"]
    assert len(list(validator.iter_errors(log))) >= 2


def test_driver_and_rules():
    log = sarif(mixed())
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "specguard" and driver["version"] == "1.2.3"
    assert driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted({d.code for d in mixed()})
    for rule in driver["rules"]:
        code = lookup(rule["id"])
        assert rule["name"] == code.name
        assert rule["shortDescription"]["text"] == code.summary
        assert rule["properties"]["category"] == code.category.value
        assert rule["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[code.severity.value]
        assert "Why it matters" in rule["help"]["text"] and "## Use instead" in rule["help"]["markdown"]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_results_locations():
    run = sarif(mixed())["runs"][0]
    first = run["results"][0]
    assert first["level"] == "error"
    assert first["message"]["text"] == "unknown key `nulable`\nhint: did you mean `nullable`?"
    (loc,) = first["locations"]
    assert loc["physicalLocation"] == {
        "artifactLocation": {"uri": "specs/models/companion.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 6, "startColumn": 29},
    }
    assert loc["logicalLocations"] == [{"fullyQualifiedName": "Companion.legacyNotes"}]
    levels = [r["level"] for r in run["results"]]
    assert levels == ["error", "error", "error", "warning", "warning", "error", "note"]
    # GitHub's upload refuses a result without a location: one with no file goes on the anchor
    stale = next(r for r in run["results"] if r["ruleId"] == "SG800")
    assert stale["locations"] == [{
        "physicalLocation": {"artifactLocation": {"uri": "pyproject.toml", "uriBaseId": "%SRCROOT%"}},
        "logicalLocations": [{"fullyQualifiedName": "SG800"}],
    }]
    assert all(r["locations"] and "physicalLocation" in r["locations"][0] for r in run["results"])


def test_a_result_without_a_file_goes_on_the_anchor_given():
    (result,) = json.loads(render([diag("SG002", "down", None)], "sarif", tool_version="1",
                                  anchor="generated/state.json"))["runs"][0]["results"]
    (loc,) = result["locations"]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "generated/state.json"


def test_uri_is_relative_and_encoded(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = sarif([diag("SG107", "m", Span("specs/a b/x.yaml", 1, 1)),
                 diag("SG107", "m", Span(str(tmp_path / "specs" / "y.yaml"), 1, 1)),
                 diag("SG107", "m", Span("/elsewhere/z.yaml", 1, 1))])["runs"][0]
    locs = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert locs[0] == {"uri": "specs/a%20b/x.yaml", "uriBaseId": "%SRCROOT%"}
    assert locs[1] == {"uri": "specs/y.yaml", "uriBaseId": "%SRCROOT%"}
    assert locs[2] == {"uri": "file:///elsewhere/z.yaml"}


def test_fingerprints_stable_across_line_moves_and_unique():
    rule = drop_column.RULE
    a = rule.diag("column removed", Span("specs/m.yaml", 10, 3), target="Companion.legacyNotes")
    moved = rule.diag("column removed", Span("specs/m.yaml", 14, 3), target="Companion.legacyNotes")
    other = rule.diag("column removed", Span("specs/m.yaml", 10, 3), target="Companion.other")
    fp = lambda log, i=0: log["runs"][0]["results"][i]["partialFingerprints"]  # noqa: E731
    assert fp(sarif([a])) == fp(sarif([moved]))
    assert fp(sarif([a])) != fp(sarif([other]))
    twice = sarif([a, moved])
    assert fp(twice, 0) != fp(twice, 1)


def test_deterministic():
    assert render(mixed(), "sarif", tool_version="1") == render(mixed(), "sarif", tool_version="1")
    assert render(mixed(), "sarif", tool_version="1").endswith("}\n")


@pytest.mark.parametrize("code", [c.code for c in all_codes()])
def test_help_is_the_one_doc_explain_prints(code):
    """SARIF's help is the same text as ``specguard explain``: a rule's docstring, else its .md file."""
    c = lookup(code)
    (rule,) = sarif([finding(c, "m", Span("specs/x.yaml", 1, 1))])["runs"][0]["tool"]["driver"]["rules"]
    assert rule["help"]["text"] == plain_doc(c.doc)
    assert rule["help"]["markdown"].endswith(c.doc) and rule["help"]["markdown"].startswith(f"# {code} {c.name}\n")


def test_help_of_a_rule_is_its_module_docstring():
    (rule,) = sarif([finding(drop_column.RULE, "m", None)])["runs"][0]["tool"]["driver"]["rules"]
    summary, _, body = drop_column.__doc__.strip().partition("\n")
    assert rule["shortDescription"]["text"] == summary
    assert rule["help"]["markdown"].endswith(body.strip())
