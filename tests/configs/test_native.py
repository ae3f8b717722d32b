"""The keywords pydantic-core enforces itself (``rt.native``, ``rt.NOT_NULL``) and the validation-only
path (``rt.validity``) agree with jsonschema, on the values where the two engines differ most: 1.0 as
an integer, NaN and infinities under bounds, integers past 2**53 around bounds near it, bools beside
numbers, strings with astral characters and lone surrogates. The schemas go through the real emitter
(``SchemaCompiler`` and the alias source of ``configs``), so the split between native keywords and
Python checks is tested too, not only the runtime."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import Field, JsonValue, TypeAdapter, ValidationError

from specguard.compiler.emit.python.configs import _alias_source
from specguard.compiler.emit.python.runtime import _checks
from specguard.compiler.emit.python.schemachecks import native_keywords
from specguard.compiler.emit.python.schematypes import SchemaCompiler

BIG = 2**53
BOUNDS = st.sampled_from([0, 1, 3, -2, 0.5, 2.5, -1.5, 1e300, BIG, BIG + 1, -BIG - 1, 2**64, 10.0])
TYPES = st.sampled_from(["integer", "number", "string", "array", ["integer", "string"], ["number", "null"],
                         ["string", "null"], ["array", "boolean"], "boolean"])
STRINGS = st.text(st.characters(codec="utf-8") | st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
                  | st.sampled_from(["\U0001F600", "é"]), max_size=4)
NUMBERS = (st.integers() | st.integers(-3, 12) | st.sampled_from([BIG, BIG + 1, BIG - 1, -BIG - 1, 2**64, 2**64 + 1])
           | st.floats() | st.sampled_from([1.0, 3.0, 2.5, 0.5, float(BIG), float(BIG + 2), 1e300, -0.0, float("nan")]))
VALUES = st.none() | st.booleans() | NUMBERS | STRINGS | st.lists(st.integers(0, 3) | STRINGS, max_size=5) \
    | st.dictionaries(st.sampled_from(["a", "b"]), st.integers(0, 2), max_size=2)


@st.composite
def schemas(draw) -> dict:
    schema: dict[str, Any] = {"type": draw(TYPES)}
    for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        if draw(st.booleans()):
            schema[key] = draw(BOUNDS)
    if draw(st.integers(0, 3)) == 0:
        schema["multipleOf"] = draw(st.sampled_from([2, 3, 2**60, 0.5, 2.0]))
    for key in ("minLength", "maxLength", "minItems", "maxItems"):
        if draw(st.booleans()):
            schema[key] = draw(st.integers(0, 3))
    return schema


def _annotation(schema: Any) -> Any:
    """The annotation the emitter gives ``schema``, evaluated against the runtime (no package written)."""
    compiled = SchemaCompiler(schema, "ProbeV1", "V1").compile()
    names: dict[str, Any] = {"rt": _checks, "Annotated": Annotated, "Literal": Literal, "JsonValue": JsonValue}
    for name, shape, checks in compiled.aliases:
        exec("\n".join(_alias_source(name, shape, checks)), names)  # noqa: S102 - the emitter's own source
    return eval(compiled.root, names)  # noqa: S307


def _ours(adapter: TypeAdapter, value: Any) -> bool:
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


@given(schema=schemas(), values=st.lists(VALUES, min_size=1, max_size=8))
def test_native_keywords_agree_with_jsonschema(schema, values):
    adapter = _checks.adapter(_annotation(schema))
    reference = Draft202012Validator(schema)
    for value in values:
        try:
            expected = reference.is_valid(value)
        except (ValueError, OverflowError):  # its multipleOf by a float cannot divide NaN or an infinity
            continue
        assert _ours(adapter, value) == expected, (schema, value)


@pytest.mark.parametrize(("schema", "native", "python"), [
    ({"type": "integer", "minimum": 1, "maximum": 5}, "rt.native(integer=True, minimum=1, maximum=5)", []),
    ({"type": "number", "maximum": BIG - 1}, f"rt.native(maximum={BIG - 1})", []),
    ({"type": "number", "maximum": BIG}, None, ["maximum"]),  # an integer converted to a float could round onto it
    ({"type": "number", "maximum": 1e300}, None, ["maximum"]),
    ({"type": "integer", "maximum": BIG + 1}, f"rt.native(integer=True, maximum={BIG + 1})", []),
    ({"type": "integer", "multipleOf": 3}, "rt.native(integer=True, multiple_of=3)", []),
    ({"type": "integer", "multipleOf": 0.5}, "rt.native(integer=True)", ["multipleOf"]),
    ({"type": "number", "multipleOf": 3}, None, ["multipleOf"]),
    ({"type": ["string", "null"], "maxLength": 2}, "rt.native(max_length=2)", []),
    ({"type": "string", "minimum": 3, "maxItems": 1}, None, []),  # keywords of types the shape refuses
    ({"enum": ["a", "bb"], "maxLength": 1}, None, ["maxLength"]),  # a Literal shape: the check stays
])
def test_keywords_go_native_only_where_exact(schema, native, python):
    from specguard.compiler.ir.schemakeywords import json_types

    types = None if "enum" in schema else json_types(schema)
    got, done = native_keywords(schema, types)
    assert got == native
    assert sorted(k for k in schema if k != "type" and k != "enum" and k not in done) == sorted(python)


@given(value=VALUES)
def test_an_optional_property_refuses_null_natively_and_allows_absence(value):
    schema = {"type": "object", "properties": {"n": {"type": "integer", "maximum": 3}}, "additionalProperties": False}
    compiled = SchemaCompiler(schema, "ProbeV1", "V1").compile()
    assert any("rt.NOT_NULL" in checks for _, _, checks in compiled.aliases)
    annotation = _annotation(schema["properties"]["n"])
    adapter = TypeAdapter(dict[str, Annotated[annotation | None, _checks.NOT_NULL]], config=_checks.STRICT)
    expected = Draft202012Validator(schema).is_valid({"n": value})
    assert _ours(adapter, {"n": value}) == expected


def test_validity_answers_as_model_validate_without_building_models():
    class Inner(_checks.Model):
        n: Annotated[int, _checks.native(integer=True, maximum=3)]

    class Outer(_checks.Model):
        model_config = {"extra": "allow"}
        type: Inner  # a field called "type": field names are data, not schema keys
        default: Annotated[list[Inner], _checks.native(max_items=1)] = Field(default_factory=list)

    check = _checks.validity(Outer)
    for doc in [{"type": {"n": 1}}, {"type": {"n": 1.0}, "x": 1}, {"type": {"n": 4}}, {"type": {"n": 1, "x": 1}},
                {"type": {"n": 1}, "default": [{"n": 2}, {"n": 3}]}, {"type": {"n": 1}, "default": [{"n": True}]},
                {"default": []}, [], None]:
        assert check(doc) == _ours(TypeAdapter(Outer), doc), doc


@pytest.mark.parametrize(("schema", "value"), [
    ({"type": "integer", "minimum": 1, "maximum": 5}, 3.0),
    ({"type": "integer", "minimum": 1, "maximum": 5}, 6.0),
    ({"type": "integer", "minimum": 1, "maximum": 5}, 3.5),
    ({"type": "integer", "minimum": 1, "maximum": 5}, True),
    ({"type": "integer", "minimum": 1.5}, 1),
    ({"type": "integer", "exclusiveMaximum": 2.5}, 2),
    ({"type": "integer", "multipleOf": 2}, 2**60 + 1),  # through a float it would round to even
    ({"type": "integer", "multipleOf": 2}, 4.0),
    ({"type": "integer", "maximum": BIG + 1}, float(BIG + 2)),
    ({"type": "number", "maximum": BIG}, BIG + 1),  # float(BIG + 1) == BIG: the int must not pass as one
    ({"type": "number", "maximum": BIG}, float(BIG)),
    ({"type": "number", "maximum": 1e300}, int(1e300) + 1),
    ({"type": "number", "maximum": BIG - 1}, BIG),
    ({"type": "number", "minimum": 1}, float("nan")),  # NaN meets every bound in JSON Schema's comparison
    ({"type": "number", "minimum": 1}, float("-inf")),
    ({"type": ["number", "null"], "minimum": 0}, None),
    ({"type": "string", "maxLength": 1}, "\ud800"),  # pydantic-core cannot measure it; Python can
    ({"type": "string", "maxLength": 1}, "\ud800\ud800"),
    ({"type": "string", "maxLength": 1}, "\U0001F600"),  # one code point, as JSON Schema counts
    ({"type": "array", "maxItems": 1}, [1, 2]),
])
def test_the_values_where_the_engines_differ(schema, value):
    assert _ours(_checks.adapter(_annotation(schema)), value) == Draft202012Validator(schema).is_valid(value)


def test_a_native_refusal_is_one_error_at_the_value_saying_what_the_schema_wants():
    class Probe(_checks.Model):
        level: Annotated[int, _checks.native(integer=True, minimum=1, maximum=5)]
        tags: list[Annotated[str, _checks.native(max_length=3)]]

    with pytest.raises(ValidationError) as refused:
        Probe.model_validate({"level": 9, "tags": ["ok", "long"]})
    assert [(e["loc"], e["msg"]) for e in refused.value.errors()] == [
        (("level",), "must be an integer >= 1 and <= 5"), (("tags", 1), "must be a string of at most 3 characters")]
