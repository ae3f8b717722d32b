"""The keyword checks of one schema object: every keyword its Pydantic shape does not already enforce.

``checks_of`` gives the checks of any schema (run before the shape validates); ``model_checks`` the
object checks a generated model needs beside its fields (pattern properties, required keys that no
property declares). Each is a call into the generated package's ``_checks`` module (``rt``). ``c`` is
the ``schematypes.SchemaCompiler`` at work, which compiles the subschemas the checks refer to.
"""

from __future__ import annotations

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
    """The checks of ``schema`` beyond its shape, in a fixed order."""
    types = json_types(schema)
    shape = c._shape(schema, hint) if ("enum" in schema or "const" in schema) else None
    out: list[str] = []
    if types is not None and "integer" in types and "number" not in types and shape is None:
        out.append("rt.integer")
    if shape == ANY and types is not None:
        out.append("rt.types(" + ", ".join(literal(t) for t in sorted(types)) + ")")
    if "enum" in schema and not _exact_literal(schema, shape):
        out.append("rt.enum(" + ", ".join(literal(v) for v in schema["enum"]) + ")")
    if "const" in schema and not _exact_literal(schema, shape):
        out.append(f"rt.const({literal(schema['const'])})")
    out += [f"rt.{fn}({literal(schema[k])})" for k, fn in _SIMPLE.items() if k in schema]
    if schema.get("uniqueItems") is True:
        out.append("rt.unique_items")
    out += _array_checks(c, schema, hint, types)
    if not c._is_model(schema):
        out += _object_checks(c, schema, hint, types)
    out += _object_extras(c, schema, hint)
    out += _combinators(c, schema, hint)
    return out


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
