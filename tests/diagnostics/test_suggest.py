"""did-you-mean: one matcher, one phrasing, for every unknown name specguard reports."""

from __future__ import annotations

import pytest

from specguard.diagnostics.suggest import did_you_mean, suggest

# (word, candidates, expected suggestion)
CASES = [
    ("nulable", ["nullable", "default", "type"], "nullable"),
    ("Usr", ["User", "Message"], "User"),
    ("userID", ["userId", "id", "createdAt"], "userId"),
    ("zzz", ["User", "Message"], None),
    ("anything", [], None),
]


@pytest.mark.parametrize("word, candidates, expected", CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_suggest(word, candidates, expected):
    assert suggest(word, candidates) == expected


def test_a_tie_does_not_depend_on_the_order_of_candidates():
    assert suggest("abc", ["abx", "aby"]) == suggest("abc", ["aby", "abx"]) == suggest("abc", {"abx", "aby"})


def test_did_you_mean_phrases_the_hint():
    assert did_you_mean("nulable", ["nullable"]) == "did you mean `nullable`?"
    assert did_you_mean("zzz", ["nullable"]) is None
    assert did_you_mean("zzz", ["nullable"], "allowed keys here: nullable") == "allowed keys here: nullable"
    assert did_you_mean("userID", ["userId"], show=lambda c: f"`{{{c}}}`") == "did you mean `{userId}`?"


def test_no_other_module_matches_names_itself():
    """Every did-you-mean goes through this helper (habit 9: one way to do a thing)."""
    from pathlib import Path

    import specguard

    root = Path(specguard.__file__).parent
    users = sorted(str(p.relative_to(root)) for p in root.rglob("*.py") if "get_close_matches" in p.read_text("utf-8"))
    assert users == ["diagnostics/suggest.py"]
