"""The JSON format: exactly the contract's keys, stable bytes, a trailing newline."""

from __future__ import annotations

import json

from specguard.render import render

from .cases import mixed

KEYS = ["code", "severity", "category", "message", "file", "line", "column", "target", "hint"]


def out(diags):
    return render(diags, "json", tool_version="0.0.0")


def test_shape():
    doc = json.loads(out(mixed()))
    assert list(doc) == ["diagnostics", "summary"]
    assert doc["summary"] == {"errors": 4, "warnings": 2, "infos": 1, "total": 7}
    for d in doc["diagnostics"]:
        assert list(d) == KEYS
        assert d["severity"] in {"error", "warning", "info"}
        assert d["category"] in {"syntax", "reference", "destructive", "incompatible", "locking", "config",
                                 "cache", "integrity", "drift"}
    first = doc["diagnostics"][0]
    assert first == {
        "code": "SG106", "severity": "error", "category": "syntax", "message": "unknown key `nulable`",
        "file": "specs/models/companion.yaml", "line": 6, "column": 29, "target": "Companion.legacyNotes",
        "hint": "did you mean `nullable`?",
    }
    no_span = next(d for d in doc["diagnostics"] if d["code"] == "SG800")
    assert (no_span["file"], no_span["line"], no_span["column"], no_span["target"]) == (None, None, None, None)


def test_order_is_callers_and_output_is_stable():
    diags = mixed()
    a, b = out(diags), out(list(diags))
    assert a == b
    assert a.endswith("}\n") and not a.endswith("\n\n")
    assert [d["code"] for d in json.loads(a)["diagnostics"]] == [d.code for d in diags]


def test_empty():
    assert json.loads(out([])) == {"diagnostics": [], "summary": {"errors": 0, "warnings": 0, "infos": 0, "total": 0}}


def test_ascii_safe():
    from specguard.diagnostics.codes import diag

    text = out([diag("SG107", "caf\u00e9 \u2026", None)])
    assert text.isascii()
    assert json.loads(text)["diagnostics"][0]["message"] == "caf\u00e9 \u2026"
