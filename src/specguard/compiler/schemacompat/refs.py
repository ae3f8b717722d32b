"""A JSON Schema node seen through its local ``$ref``\\ s, with the JSON pointer it is written at.

The checker reads the reading schema through :class:`S` so that every finding names the keyword
where the user wrote it (inside ``$defs`` when a ``$ref`` led there), and compares two nodes through
their dereferenced form, so that moving a schema inline to ``$defs`` changes nothing. Only local
references (``#`` and ``#/...``) are followed; a cycle or any other reference is a :class:`RefError`.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

# keywords whose value is a schema, a list of schemas, or a mapping of names to schemas
ONE = frozenset({"items", "additionalProperties", "propertyNames", "contains", "not", "if", "then", "else",
                 "unevaluatedItems", "unevaluatedProperties", "contentSchema"})
MANY = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
NAMED = frozenset({"properties", "patternProperties", "dependentSchemas", "$defs", "definitions"})
# keywords that never change which documents are valid
ANNOTATIONS = frozenset({"title", "description", "$comment", "examples", "default", "deprecated", "readOnly",
                         "writeOnly", "$schema", "$id", "$anchor", "$vocabulary", "contentEncoding",
                         "contentMediaType", "$defs", "definitions"})


class RefError(Exception):
    """A reference the checker cannot follow: not local, missing, or part of a cycle."""

    def __init__(self, pointer: str, message: str):
        super().__init__(message)
        self.pointer = pointer
        self.message = message


def escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def join(pointer: str, *parts: str | int) -> str:
    """``#/a`` joined with ``b``, ``0``: ``#/a/b/0`` (keys escaped as JSON pointers require)."""
    return pointer + "".join("/" + escape(str(p)) for p in parts)


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def resolve_pointer(root: Any, ref: str, at: str) -> Any:
    """The node ``ref`` names in ``root``; a RefError (placed at ``at``) when it is not there."""
    if ref != "#" and not ref.startswith("#/"):
        raise RefError(at, f"`$ref: {ref}` is not a local reference (`#/...`); only those are supported")
    node = root
    for part in ref[2:].split("/") if ref != "#" else ():
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise RefError(at, f"`$ref: {ref}` names nothing in the schema")
    return node


def _is_pure_ref(node: Any) -> bool:
    return isinstance(node, dict) and "$ref" in node and all(k == "$ref" or k in ANNOTATIONS for k in node)


def deref(node: Any, root: Any, at: str = "#", active: tuple[str, ...] = ()) -> Any:
    """``node`` with every ``$ref`` replaced by what it names and annotations left out.

    A ``$ref`` beside other keywords is a further conjunct (2020-12), so it joins ``allOf``.
    ``active`` holds the references being expanded: meeting one again is a cycle.
    """
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key in node.keys() & {"$dynamicRef", "$recursiveRef"}:
        raise RefError(join(at, key), f"`{key}` is not supported; use `$ref` to a schema under `$defs`")
    if "$id" in node and at != "#":
        raise RefError(join(at, "$id"), "`$id` inside a config schema is not supported: it changes what "
                                        "references mean below it")
    for key, value in node.items():
        if key in ANNOTATIONS or key == "$ref" or key.startswith("x-"):
            continue
        if key in ONE:
            out[key] = deref(value, root, join(at, key), active)
        elif key in MANY and isinstance(value, list):
            out[key] = [deref(v, root, join(at, key, i), active) for i, v in enumerate(value)]
        elif key in NAMED and isinstance(value, dict):
            out[key] = {k: deref(v, root, join(at, key, k), active) for k, v in value.items()}
        else:
            out[key] = value
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return out
    here = join(at, "$ref")
    if ref in active:
        raise RefError(here, f"`$ref: {ref}` at {at} refers back to a schema that contains it; "
                             "recursive schemas are not supported")
    target = deref(resolve_pointer(root, ref, here), root, ref, active + (ref,))
    if not out:
        return target
    out["allOf"] = [*out.get("allOf", []), target]
    return out


def check_refs(root: Any) -> None:
    """Raise RefError for the first reference in ``root`` that cannot be followed."""
    deref(root, root)


@functools.lru_cache(maxsize=512)
def _root_validator(root_json: str):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(root_json), format_checker=Draft202012Validator.FORMAT_CHECKER)


@dataclass(frozen=True, eq=False)
class S:
    """A schema node of ``root`` at ``at`` (a JSON pointer), a pure ``$ref`` already followed."""

    node: Any
    root: Any
    at: str

    @classmethod
    def of(cls, root: Any) -> S:
        """The root of a schema whose references were checked (RefError otherwise)."""
        check_refs(root)
        return cls(root, root, "#").follow()

    def follow(self) -> S:
        s = self
        while _is_pure_ref(s.node):
            s = S(resolve_pointer(self.root, s.node["$ref"], s.at), self.root, s.node["$ref"])
        return s

    def get(self, key: str, default: Any = None) -> Any:
        return self.node.get(key, default) if isinstance(self.node, dict) else default

    def count(self, key: str, default: int | None = None) -> int | None:
        """A counting keyword (``minLength``, ``maxItems`` ...) as an int: JSON Schema allows ``2.0``."""
        value = self.get(key)
        return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else default

    def has(self, key: str) -> bool:
        return isinstance(self.node, dict) and key in self.node

    def sub(self, key: str, *more: str | int) -> S | None:
        """The schema at ``node[key][more...]``, or None when absent."""
        value = self.get(key)
        for m in more:
            if isinstance(value, dict) and m in value:
                value = value[m]
            elif isinstance(value, list) and isinstance(m, int) and m < len(value):
                value = value[m]
            else:
                return None
        return None if value is None else S(value, self.root, join(self.at, key, *more)).follow()

    def subs(self, key: str) -> list[S]:
        value = self.get(key)
        return [self.sub(key, i) for i in range(len(value))] if isinstance(value, list) else []  # type: ignore[misc]

    def named(self, key: str) -> dict[str, S]:
        value = self.get(key)
        return {k: self.sub(key, k) for k in value} if isinstance(value, dict) else {}  # type: ignore[misc]

    def conjuncts(self) -> list[S]:
        """``allOf`` branches, and the target of a ``$ref`` written beside other keywords."""
        out = self.subs("allOf")
        ref = self.get("$ref")
        if isinstance(ref, str):
            out.append(S(resolve_pointer(self.root, ref, self.at), self.root, ref).follow())
        return out

    def types(self) -> frozenset[str] | None:
        t = self.get("type")
        if t is None:
            return None
        return frozenset([t] if isinstance(t, str) else t)

    @functools.cached_property
    def resolved(self) -> Any:
        return deref(self.node, self.root, self.at)

    @functools.cached_property
    def canon(self) -> str:
        return canonical(self.resolved)

    def errors(self, instance: Any) -> list:
        """jsonschema's errors for ``instance`` here (formats asserted), references resolved in ``root``."""
        return list(_root_validator(canonical(self.root)).evolve(schema=self.node).iter_errors(instance))

    def pointer_of(self, schema_path: list) -> str:
        """The pointer of the keyword a jsonschema error's schema path names, ``$ref`` hops followed."""
        node, at = self.node, self.at
        for part in schema_path:
            if part == "$ref" and isinstance(node, dict) and isinstance(node.get("$ref"), str):
                at = node["$ref"]
                node = resolve_pointer(self.root, at, at)
                continue
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return join(at, part)
            at = join(at, part)
        return at

    def accepts(self, instance: Any) -> bool:
        return not self.errors(instance)
