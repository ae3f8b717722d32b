"""The reference semantics of config upgrade steps (compiler/ir/upgrade.py), case by case."""

from __future__ import annotations

import pytest

from specguard.compiler.ir.catalog import ConfigUpgrade, ConfigVersion, canonical_json
from specguard.compiler.ir.upgrade import apply_steps, fill_defaults, matches, upgrade_document, upgrade_through

V2_SCHEMA = {
    "type": "object",
    "properties": {
        "tone": {"type": "string", "enum": ["friendly", "formal"], "default": "friendly"},
        "verbosity": {"type": "integer", "default": 3},
        "style": {"$ref": "#/$defs/style"},
    },
    "$defs": {"style": {"type": "object", "properties": {"emoji": {"type": "boolean", "default": False}}}},
}
UP = ConfigUpgrade(rename=(("mood", "tone"),), remove=("legacyFlag",),
                   map_values=(("tone", (("cheerful", "friendly"),)), ("verbosity", (("1", 2),))),
                   set=(("source", "migrated"), ("tags", '["a"]')))
V2 = ConfigVersion("p", 2, canonical_json(V2_SCHEMA), UP)


@pytest.mark.parametrize("doc, expected", [
    ({"mood": "cheerful", "legacyFlag": True},
     {"tone": "friendly", "verbosity": 3, "source": "migrated", "tags": ["a"]}),
    ({"mood": "formal", "verbosity": 1, "style": {}},
     {"tone": "formal", "verbosity": 2, "style": {"emoji": False}, "source": "migrated", "tags": ["a"]}),
    ({"tone": "x", "mood": "formal"}, {"tone": "formal", "verbosity": 3, "source": "migrated", "tags": ["a"]}),
])  # fmt: skip
def test_upgrade_document(doc, expected):
    before = dict(doc)
    assert upgrade_document(doc, V2) == expected
    assert doc == before  # the input is never changed


@pytest.mark.parametrize("value, text, result", [
    ("1", "1", True), (1, "1", True), (1, "true", False), ("true", "1", False), (True, "true", True),
    (None, "null", True), (1.5, "1.5", True), ([1], "[1]", False), ("cheerful", "cheerful", True),
])  # fmt: skip
def test_map_values_matching(value, text, result):
    assert matches(value, text) is result


def test_steps_apply_in_order_and_a_missing_key_is_left_alone():
    up = ConfigUpgrade(rename=(("a", "b"),), remove=("b",))
    assert apply_steps({"a": 1}, up) == {}  # renamed first, then removed under its new name
    assert apply_steps({"x": 1}, ConfigUpgrade(rename=(("a", "b"),), map_values=(("b", (("1", 2),)),))) == {"x": 1}


def test_defaults_are_filled_only_where_the_document_has_the_object():
    assert fill_defaults({}, V2_SCHEMA) == {"tone": "friendly", "verbosity": 3}
    assert fill_defaults({"style": {"emoji": True}}, V2_SCHEMA)["style"] == {"emoji": True}
    cyclic = {"properties": {"next": {"$ref": "#"}, "n": {"default": 0}}}
    assert fill_defaults({"next": {"next": {}}}, cyclic) == {"n": 0, "next": {"n": 0, "next": {"n": 0}}}


def test_upgrade_through_several_versions():
    v3 = ConfigVersion("p", 3, canonical_json({"properties": {"level": {"default": 1}}}),
                       ConfigUpgrade(remove=("verbosity",)))
    assert upgrade_through({"mood": "cheerful"}, [V2, v3]) == {
        "tone": "friendly", "source": "migrated", "tags": ["a"], "level": 1}
