"""A fast proof that a config's JSON Schema is valid against the draft 2020-12 meta-schema.

``Draft202012Validator.check_schema`` follows the meta-schema's ``$dynamicRef`` chain through the
``referencing`` library at every node: about 5 ms a schema, most of a 1,000-model compile's config
work, and the reason jsonschema was imported at all. The schemas specguard accepts use a small set of
keywords (SG640 refuses the rest), each with a simple shape, so this module checks those shapes
directly. It only ever *proves* validity: a schema it cannot prove valid (an unknown keyword, a
value of a doubtful shape) goes to ``check_schema``, which gives the verdict and the message, so
the result is exactly jsonschema's (a property test holds the two together).
"""

from __future__ import annotations

import re
from typing import Any

_SIMPLE_TYPES = frozenset({"array", "boolean", "integer", "null", "number", "object", "string"})


def _is_number(v: Any) -> bool:
    return type(v) in (int, float)


def _is_count(v: Any) -> bool:  # nonNegativeInteger; floats such as 1.0 are left to jsonschema
    return type(v) is int and v >= 0


def _is_type(v: Any) -> bool:
    if isinstance(v, str):
        return v in _SIMPLE_TYPES
    return (isinstance(v, list) and len(v) > 0 and all(isinstance(t, str) and t in _SIMPLE_TYPES for t in v)
            and len(set(v)) == len(v))


def _is_string_set(v: Any) -> bool:  # stringArray: strings, unique
    return isinstance(v, list) and all(isinstance(s, str) for s in v) and len(set(v)) == len(v)


def _is_regex(v: Any) -> bool:  # the meta-schema's `format: regex`, as jsonschema's format checker tests it
    if not isinstance(v, str):
        return False
    try:
        re.compile(v)
    except re.error:
        return False
    return True


def _is_schema_map(v: Any) -> bool:
    return isinstance(v, dict) and all(proven_valid(s) for s in v.values())


def _is_schema_list(v: Any) -> bool:
    return isinstance(v, list) and len(v) > 0 and all(proven_valid(s) for s in v)


def _is_string_set_map(v: Any) -> bool:
    return isinstance(v, dict) and all(_is_string_set(s) for s in v.values())


_ANY = lambda v: True  # noqa: E731 - const, default: the meta-schema says `true`
_BOOL = lambda v: isinstance(v, bool)  # noqa: E731
_STR = lambda v: isinstance(v, str)  # noqa: E731

# keyword -> whether its value has the shape the meta-schema asks of it
_SHAPES = {
    "type": _is_type,
    "enum": lambda v: isinstance(v, list),
    "const": _ANY,
    "multipleOf": lambda v: _is_number(v) and v > 0,
    "maximum": _is_number,
    "exclusiveMaximum": _is_number,
    "minimum": _is_number,
    "exclusiveMinimum": _is_number,
    "maxLength": _is_count,
    "minLength": _is_count,
    "pattern": _is_regex,
    "maxItems": _is_count,
    "minItems": _is_count,
    "uniqueItems": _BOOL,
    "maxContains": _is_count,
    "minContains": _is_count,
    "maxProperties": _is_count,
    "minProperties": _is_count,
    "required": _is_string_set,
    "dependentRequired": _is_string_set_map,
    "prefixItems": _is_schema_list,
    "items": lambda v: proven_valid(v),
    "contains": lambda v: proven_valid(v),
    "additionalProperties": lambda v: proven_valid(v),
    "properties": _is_schema_map,
    "propertyNames": lambda v: proven_valid(v),
    "if": lambda v: proven_valid(v),
    "then": lambda v: proven_valid(v),
    "else": lambda v: proven_valid(v),
    "allOf": _is_schema_list,
    "anyOf": _is_schema_list,
    "oneOf": _is_schema_list,
    "not": lambda v: proven_valid(v),
    "title": _STR,
    "description": _STR,
    "default": _ANY,
    "deprecated": _BOOL,
    "readOnly": _BOOL,
    "writeOnly": _BOOL,
    "examples": lambda v: isinstance(v, list),
    "format": _STR,
}


def proven_valid(schema: Any) -> bool:
    """True only when ``schema`` is certainly valid against the 2020-12 meta-schema; False means
    "ask jsonschema", not "invalid"."""
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict):
        return False
    for key, value in schema.items():
        shape = _SHAPES.get(key)
        if shape is None or not shape(value):
            return False
    return True
