"""The fast meta-schema proof agrees with jsonschema: what it proves valid, check_schema accepts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from specguard.compiler.resolve.metaschema import _SHAPES, proven_valid
from tests.configs.schemagen import JSON, schemas


def _accepted(schema) -> bool:
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError:
        return False
    return True


def _spoiled(draw, schema):
    """The schema with one keyword's value (at some depth) replaced by an arbitrary JSON value."""
    if not isinstance(schema, dict) or not schema:
        return schema
    out = dict(schema)
    key = draw(st.sampled_from(sorted(out, key=str)))
    if isinstance(out[key], dict) and draw(st.booleans()):
        out[key] = _spoiled(draw, out[key])
    else:
        out[key] = draw(JSON | st.sampled_from([-1, 0, 1.0, 2.5, True, "(", "[a-", ["x", "x"], [], {}]))
    return out


@given(st.data())
def test_proven_valid_implies_jsonschema_accepts(data):
    schema = data.draw(schemas())
    if data.draw(st.booleans()):
        schema = _spoiled(data.draw, schema)
    if proven_valid(schema):
        assert _accepted(schema), schema


@pytest.mark.parametrize("schema", [
    {"type": "strin"}, {"type": []}, {"type": ["string", "string"]}, {"minLength": -1}, {"minLength": 1.5},
    {"minLength": True}, {"multipleOf": 0}, {"required": ["a", "a"]}, {"required": [1]}, {"pattern": "("},
    {"enum": "a"}, {"properties": {"a": 3}}, {"allOf": []}, {"items": {"type": 1}}, {"uniqueItems": 1},
    {"maximum": "1"}, {"dependentRequired": {"a": [1]}}, {"examples": {}}, 3, None, "x", [],
])
def test_invalid_schemas_are_never_proven_valid(schema):
    assert not _accepted(schema)
    assert not proven_valid(schema)


def test_every_keyword_it_knows_is_a_2020_12_keyword():
    from jsonschema_specifications import REGISTRY

    known = set()
    for uri in REGISTRY:
        if uri.startswith("https://json-schema.org/draft/2020-12/meta/"):
            known |= set(REGISTRY.contents(uri).get("properties", {}))
    assert set(_SHAPES) <= known
