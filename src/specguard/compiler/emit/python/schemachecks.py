"""The keyword checks of one schema object: every keyword its Pydantic shape does not already enforce.

``checks_of`` gives the checks of any schema (run before the shape validates); ``model_checks`` the
object checks a generated model needs beside its fields (pattern properties, required keys that no
property declares). Each is a call into the generated package's ``_checks`` module (``rt``). ``c`` is
the ``schematypes.SchemaCompiler`` at work, which compiles the subschemas the checks refer to.
"""

from __future__ import annotations

import math
from typing import Any

from specguard.compiler.emit.python.source import literal
from specguard.compiler.ir.schemakeywords import json_types, resolve_ref

ANY = "JsonValue"
_SIMPLE = {
    "minimum": "minimum", "maximum": "maximum", "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum", "multipleOf": "multiple_of", "minLength": "min_length",
    "maxLength": "max_length", "pattern": "pattern", "format": "format_", "minItems": "min_items",
    "maxItems": "max_items", "minProperties": "min_properties", "maxProperties": "max_properties",
}  # fmt: skip


def checks_of(c: Any, schema: dict, hint: str) -> list[str]:
    """The checks of ``schema`` beyond its shape, in a fixed order (``rt.native(...)`` first: metadata
    that pydantic-core enforces, not a Python check)."""
    types = json_types(schema)
    shape = c._shape(schema, hint) if ("enum" in schema or "const" in schema) else None
    native, done = native_keywords(schema, types if shape is None else None)
    out: list[str] = [native] if native else []
    if shape == ANY and types is not None:
        out.append("rt.types(" + ", ".join(literal(t) for t in sorted(types)) + ")")
    if "enum" in schema and not _exact_literal(schema, shape):
        out.append("rt.enum(" + ", ".join(literal(v) for v in schema["enum"]) + ")")
    if "const" in schema and not _exact_literal(schema, shape):
        out.append(f"rt.const({literal(schema['const'])})")
    out += [f"rt.{fn}({literal(schema[k])})" for k, fn in _SIMPLE.items() if k in schema and k not in done]
    if schema.get("uniqueItems") is True:
        out.append("rt.unique_items")
    out += _array_checks(c, schema, hint, types)
    if not c._is_model(schema):
        out += _object_checks(c, schema, hint, types)
    out += _object_extras(c, schema, hint)
    out += _combinators(c, schema, hint)
    return out


def is_metadata(check: str) -> bool:
    """Whether a check is ``Annotated`` metadata of its own rather than a call for ``rt.check``."""
    return check.startswith(("rt.native(", "rt.NOT_NULL"))


def native_keywords(schema: dict, types: set[str] | None) -> tuple[str | None, set[str]]:
    """``rt.native(...)`` for the keywords pydantic-core can check itself with JSON Schema's meaning,
    and the keywords that need no Python check. ``types`` is None unless the shape is exactly the
    schema's types (no enum, no const), the only case where every branch of the shape is a plain type."""
    if types is None:
        return None, set()
    numbers, integers = bool(types & {"integer", "number"}), "number" not in types and "integer" in types
    kw: dict[str, Any] = {"integer": True} if integers else {}
    done: set[str] = set()
    groups = ((_BOUNDS, numbers and all(_exact(schema[k], integers) for k in _BOUNDS if k in schema)),
              (("multipleOf",), integers and _int_factor(schema.get("multipleOf"))),
              (("minLength", "maxLength"), "string" in types), (("minItems", "maxItems"), "array" in types))
    applies = {"minimum": numbers, "multipleOf": numbers, "minLength": "string" in types, "minItems": "array" in types}
    for keys, ok in groups:
        present = [k for k in keys if k in schema]
        if present and (ok or not applies[keys[0]]):  # a keyword of a type the shape refuses never applies
            done.update(present)
            kw.update({_SIMPLE[k].rstrip("_"): schema[k] for k in present if ok})
    if not kw:
        return None, done
    return "rt.native(" + ", ".join(f"{k}={literal(v)}" for k, v in kw.items()) + ")", done


_BOUNDS = ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum")


def _exact(bound: Any, integers: bool) -> bool:
    """A bound pydantic-core compares exactly: any finite one on integers alone (made exact for them); on
    numbers one under 2**53, which no integer rounds onto when its float branch converts it."""
    if isinstance(bound, bool) or not isinstance(bound, (int, float)):
        return False
    return math.isfinite(bound) and (integers or abs(bound) < 2**53)


def _int_factor(factor: Any) -> bool:
    """An integer ``multipleOf``: ``x % f`` on integers is exact in Rust as in Python (a float factor is
    not: JSON Schema divides, pydantic-core allows a tolerance)."""
    return isinstance(factor, int) and not isinstance(factor, bool) and factor > 0


def _exact_literal(schema: dict, shape: str | None) -> bool:
    """A ``Literal`` of strings and ``None`` matches exactly; one with numbers or booleans lets ``1``
    through for ``true`` (and ``true`` for ``1``), so the enum check stays."""
    values = schema["enum"] if "enum" in schema else [schema["const"]]
    return bool(shape and shape.startswith("Literal[")) and all(v is None or isinstance(v, str) for v in values)


def _array_checks(c: Any, schema: dict, hint: str, types: set[str] | None) -> list[str]:
    out: list[str] = []
    prefix = schema.get("prefixItems")
    if prefix is not None:
        out.append("rt.prefix_items(" + ", ".join(c.sub(s, f"{hint}_{i}") for i, s in enumerate(prefix)) + ")")
    items = schema.get("items")
    in_shape = types is not None and "array" in types and prefix is None and isinstance(items, dict)
    if items is False:
        out.append(f"rt.items_from({len(prefix or [])}, None)")
    elif isinstance(items, dict) and items != {} and not in_shape:
        out.append(f"rt.items_from({len(prefix or [])}, {c.sub(items, hint + '_item')})")
    if "contains" in schema:
        least = schema.get("minContains", 1)
        most = schema.get("maxContains")
        out.append(f"rt.contains({c.sub(schema['contains'], hint + '_contains')}, {least}, {most})")
    return out


def _object_checks(c: Any, schema: dict, hint: str, types: set[str] | None) -> list[str]:
    """Object keywords of a schema that is not a generated model (no ``type: object`` with properties)."""
    out: list[str] = []
    props = schema.get("properties", {})
    if props:
        rules = ", ".join(f"{literal(k)}: {c.sub(s, f'{hint}_{k}')}" for k, s in props.items())
        out.append(f"rt.properties({{{rules}}})")
    if schema.get("required"):
        out.append("rt.required(" + ", ".join(literal(k) for k in schema["required"]) + ")")
    extra = schema.get("additionalProperties", True)
    typed_dict = types == {"object"} and "patternProperties" not in schema and isinstance(extra, dict)
    if "patternProperties" in schema:
        out.append(_pattern_properties(c, schema, hint))
    if extra is not True and extra != {} and not typed_dict:
        out.append(_additional(c, schema, hint))
    return out


def model_checks(c: Any, schema: dict, name: str) -> list[str]:
    """What a generated model checks beside its fields: patterns, and required keys it does not declare."""
    out: list[str] = []
    undeclared = [k for k in schema.get("required", []) if k not in schema["properties"]]
    if undeclared:
        out.append("rt.required(" + ", ".join(literal(k) for k in undeclared) + ")")
    if "patternProperties" in schema:
        out.append(_pattern_properties(c, schema, name))
        extra = schema.get("additionalProperties", True)
        if extra is not True and extra != {}:
            out.append(_additional(c, schema, name))
    return out


def _pattern_properties(c: Any, schema: dict, hint: str) -> str:
    rules = ", ".join(f"({literal(p)}, {c.sub(s, hint + '_pattern')})" for p, s in schema["patternProperties"].items())
    return f"rt.pattern_properties([{rules}])"


def _additional(c: Any, schema: dict, hint: str) -> str:
    extra = schema.get("additionalProperties")
    known = literal(tuple(schema.get("properties", {})))
    patterns = literal(tuple(schema.get("patternProperties", {})))
    sub = "None" if extra is False else c.sub(extra, hint + "_extra")
    return f"rt.additional_properties({known}, {patterns}, {sub})"


def _object_extras(c: Any, schema: dict, hint: str) -> list[str]:
    out: list[str] = []
    if schema.get("dependentRequired"):
        rules = ", ".join(f"{literal(k)}: {literal(tuple(v))}" for k, v in schema["dependentRequired"].items())
        out.append(f"rt.dependent_required({{{rules}}})")
    if schema.get("dependentSchemas"):
        rules = ", ".join(f"{literal(k)}: {c.sub(s, f'{hint}_{k}')}" for k, s in schema["dependentSchemas"].items())
        out.append(f"rt.dependent_schemas({{{rules}}})")
    if "propertyNames" in schema:
        out.append(f"rt.property_names({c.sub(schema['propertyNames'], hint + '_name')})")
    return out


def _combinators(c: Any, schema: dict, hint: str) -> list[str]:
    out: list[str] = []
    shaped = _shaped_combinator(c, schema)
    for key, fn in (("allOf", "all_of"), ("anyOf", "any_of"), ("oneOf", "one_of")):
        if key in schema and (key != shaped or key == "oneOf"):
            out.append(f"rt.{fn}(" + ", ".join(c.sub(s, f"{hint}_{key}{i}") for i, s in enumerate(schema[key])) + ")")
    if "$ref" in schema and not c._only(schema, "$ref"):
        out.append(f"rt.ref({c.sub(resolve_ref(c.root, schema['$ref']), hint + '_ref')})")
    if "not" in schema:
        out.append(f"rt.not_({c.sub(schema['not'], hint + '_not')})")
    if "if" in schema:
        then = c.sub(schema["then"], hint + "_then") if "then" in schema else "None"
        other = c.sub(schema["else"], hint + "_else") if "else" in schema else "None"
        out.append(f"rt.if_then_else({c.sub(schema['if'], hint + '_if')}, {then}, {other})")
    return out


def _shaped_combinator(c: Any, schema: dict) -> str | None:
    """The combinator the shape already is (a union, or a single ``allOf`` branch), if any."""
    if json_types(schema) is not None or "enum" in schema or "const" in schema:
        return None
    for key in ("anyOf", "oneOf"):
        if c._only(schema, key):
            return key
    if c._only(schema, "allOf") and len(schema["allOf"]) == 1:
        return "allOf"
    return None
