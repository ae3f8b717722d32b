"""Documents valid by construction under a schema, for the keywords config schemas mostly use (objects,
arrays, strings, numbers, enums, bounds, patterns, local ``$ref``). hypothesis-jsonschema would do this,
but it does not work with the hypothesis this project pins; an unsupported keyword returns None."""

from __future__ import annotations

import json

from hypothesis import strategies as st

from specguard.compiler.ir.schemakeywords import resolve_ref

_HANDLED = {"type", "properties", "required", "additionalProperties", "enum", "const", "minimum", "maximum",
            "minLength", "maxLength", "pattern", "items", "minItems", "maxItems", "uniqueItems", "default",
            "description", "title", "$ref", "$defs", "format"}


def valid_documents(schema, root=None):
    """A strategy of documents ``schema`` accepts, or None where it cannot build them."""
    root = schema if root is None else root
    if schema is True or schema == {}:
        return st.none() | st.booleans() | st.integers() | st.text(max_size=5)
    if not isinstance(schema, dict) or set(schema) - _HANDLED or "format" in schema:
        return None
    if "$ref" in schema:
        return valid_documents(resolve_ref(root, schema["$ref"]), root)
    if "enum" in schema or "const" in schema:
        return st.sampled_from(schema["enum"] if "enum" in schema else [schema["const"]])
    kind = schema.get("type")
    maker = {"object": _object, "array": _array, "string": _string, "integer": _integer, "number": _number,
             "boolean": lambda s, r: st.booleans(), "null": lambda s, r: st.none()}.get(kind) if isinstance(kind, str) else None
    return maker(schema, root) if maker else None


def _object(schema, root):
    props = schema.get("properties", {})
    subs = {k: valid_documents(v, root) for k, v in props.items()}
    if any(s is None for s in subs.values()) or schema.get("additionalProperties", False) is not False:
        return None
    required = set(schema.get("required", []))
    if required - set(props):
        return None
    return st.fixed_dictionaries({k: subs[k] for k in props if k in required},
                                 optional={k: subs[k] for k in props if k not in required})


def _array(schema, root):
    item = valid_documents(schema.get("items", True), root)
    if item is None:
        return None
    unique = (lambda x: json.dumps(x, sort_keys=True)) if schema.get("uniqueItems") else None
    return st.lists(item, min_size=schema.get("minItems", 0), max_size=min(schema.get("maxItems", 5), 5), unique_by=unique)


def _string(schema, root):
    if "pattern" in schema:
        base = st.from_regex(schema["pattern"])
    else:
        base = st.text(min_size=schema.get("minLength", 0), max_size=min(schema.get("maxLength", 8), 8))
    return base.filter(lambda s: schema.get("minLength", 0) <= len(s) <= schema.get("maxLength", 10**9))


def _integer(schema, root):
    return st.integers(schema.get("minimum"), schema.get("maximum"))


def _number(schema, root):
    return st.integers(-10, 10) | st.floats(schema.get("minimum"), schema.get("maximum"), allow_nan=False,
                                            allow_infinity=False)
