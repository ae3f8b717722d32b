"""The JSON Schema keywords that specguard's generators enforce exactly, and where a schema uses others.

The generated Pydantic validators, the JSON Schema files and the SQL backfills all start from a config
schema; a keyword is accepted only when the validators enforce it exactly as JSON Schema 2020-12 says
(checked against the official test suite and against ``jsonschema`` by property tests). Anything else
is refused where the specs resolve (SG640), never dropped silently: an unknown keyword is usually a
typo (``maxLenght``) that a lenient validator would ignore.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

META_2020_12 = "https://json-schema.org/draft/2020-12/schema"

# keyword -> what its value holds: a schema, a list or a map of schemas, or a plain value
SCHEMA_VALUED = ("additionalProperties", "items", "contains", "propertyNames", "not", "if", "then", "else")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
SCHEMA_MAPS = ("properties", "patternProperties", "dependentSchemas", "$defs", "definitions")
ASSERTIONS = (
    "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
    "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
    "maxProperties", "minProperties", "required", "dependentRequired", "format", "$ref",
)  # fmt: skip
ANNOTATIONS = (
    "$schema", "$id", "$comment", "title", "description", "default", "deprecated", "readOnly", "writeOnly",
    "examples", "contentEncoding", "contentMediaType", "contentSchema",
)  # fmt: skip
SUPPORTED = frozenset(SCHEMA_VALUED + SCHEMA_LISTS + SCHEMA_MAPS + ASSERTIONS + ANNOTATIONS)
FORMATS = ("date", "date-time", "email", "hostname", "idn-email", "ipv4", "ipv6", "regex", "time", "uri",
           "uri-reference", "uuid")  # the formats of runtime/_formats.py

_REFUSED = {
    "unevaluatedProperties": "depends on what other keywords evaluated, which the generated models do not track",
    "unevaluatedItems": "depends on what other keywords evaluated, which the generated models do not track",
    "$dynamicRef": "resolves at run time through the dynamic scope, which the generated code does not keep",
    "$dynamicAnchor": "is only useful with `$dynamicRef`, which is not supported",
    "$anchor": "names a schema for `$ref`; refer to it by its JSON pointer (`#/$defs/name`) instead",
    "$recursiveRef": "is not a keyword of draft 2020-12 (it was replaced by `$dynamicRef`)",
    "$vocabulary": "belongs in a meta-schema, not in a config schema",
}

Path = tuple[str | int, ...]


def unsupported_keywords(schema: Any) -> list[tuple[Path, str, str]]:
    """``(path of the schema object, keyword, why)`` for every keyword the generators cannot enforce."""
    return sorted(_walk(schema, schema, ()), key=lambda f: (tuple(map(str, f[0])), f[1]))


def subschemas(schema: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every schema object under ``schema`` (itself included), with its path."""
    yield path, schema
    if not isinstance(schema, dict):
        return
    for key, value in schema.items():
        if key in SCHEMA_VALUED:
            yield from subschemas(value, path + (key,))
        elif key in SCHEMA_LISTS and isinstance(value, list):
            for i, sub in enumerate(value):
                yield from subschemas(sub, path + (key, i))
        elif key in SCHEMA_MAPS and isinstance(value, dict):
            for name, sub in value.items():
                yield from subschemas(sub, path + (key, name))


def _walk(root: Any, schema: Any, path: Path) -> Iterator[tuple[Path, str, str]]:
    for where, sub in subschemas(schema, path):
        if isinstance(sub, dict):
            for key, value in sub.items():
                why = _why_not(root, where, key, value)
                if why:
                    yield where, key, why
    yield from _ref_cycles(root)


def _why_not(root: Any, where: Path, key: str, value: Any) -> str | None:
    if key in _REFUSED:
        return _REFUSED[key]
    if key not in SUPPORTED:
        return "is not a JSON Schema 2020-12 keyword the generators know (a typo?)"
    if key == "$schema" and (where or value.rstrip("#") != META_2020_12):
        return f"may only be `{META_2020_12}`, at the top of the schema"
    if key == "$id" and where:
        return "changes the base of `$ref` inside a schema; only the top-level `$id` is supported"
    if key == "format" and value not in FORMATS:
        return f"`{value}` is not a format the generated validators assert (they assert: {', '.join(FORMATS)})"
    if key == "pattern" and not _compiles(value):
        return f"{value!r} is not a regular expression Python's `re` compiles"
    if key == "patternProperties" and isinstance(value, dict):
        bad = [p for p in value if not _compiles(p)]
        if bad:
            return f"{bad[0]!r} is not a regular expression Python's `re` compiles"
    if key == "$ref" and resolve_ref(root, value) is None:
        return f"`{value}` is not a JSON pointer into this schema (`#/$defs/name`); other references are not supported"
    return None


def _compiles(regex: Any) -> bool:
    try:
        re.compile(regex)
    except (re.error, TypeError):
        return False
    return True


def resolve_ref(root: Any, ref: Any) -> Any:
    """The schema a local ``$ref`` (``#`` or ``#/json/pointer``, percent-encoded) points at, else None."""
    if not isinstance(ref, str) or not (ref == "#" or ref.startswith("#/")):
        return None
    node = root
    for part in ref[2:].split("/") if ref != "#" else ():
        part = unquote(part).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node if isinstance(node, (dict, bool)) else None


def same_instance_children(schema: Any, root: Any) -> Iterator[Any]:
    """The schemas applied to the same value as ``schema`` (so a cycle of them never ends)."""
    if not isinstance(schema, dict):
        return
    for key in ("allOf", "anyOf", "oneOf"):
        yield from schema.get(key, []) if isinstance(schema.get(key), list) else []
    for key in ("not", "if", "then", "else"):
        if key in schema:
            yield schema[key]
    deps = schema.get("dependentSchemas")
    if isinstance(deps, dict):
        yield from deps.values()
    if "$ref" in schema:
        target = resolve_ref(root, schema["$ref"])
        if target is not None:
            yield target


def _ref_cycles(root: Any) -> Iterator[tuple[Path, str, str]]:
    """A `$ref` that leads back to itself without descending into the document would recurse forever."""
    for path, sub in subschemas(root):
        if isinstance(sub, dict) and "$ref" in sub and _reaches(resolve_ref(root, sub["$ref"]), sub, root):
            yield path, "$ref", "leads back to this schema without descending into the document: it never ends"


def _reaches(start: Any, goal: Any, root: Any) -> bool:
    seen: set[int] = set()
    todo = [start]
    while todo:
        node = todo.pop()
        if node is goal:
            return True
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        todo.extend(same_instance_children(node, root))
    return False


def json_types(schema: Any) -> set[str] | None:
    """The JSON types ``schema`` allows by ``type`` (``integer`` implied by ``number``), None when any."""
    t = schema.get("type") if isinstance(schema, dict) else None
    if t is None:
        return None
    names = set(t) if isinstance(t, list) else {t}
    return names | {"integer"} if "number" in names else names
