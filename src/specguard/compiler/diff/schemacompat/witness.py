"""Counterexamples: a document the writing version accepts that the reading version rejects.

A candidate from a reason (a value at a path of an old document) is placed into a small valid
document of the writing schema, and counts only when jsonschema accepts it there, the upgrade
steps of :mod:`specguard.compiler.ir.upgrade` carry it to the reading version, and jsonschema
rejects the result there. A finding with a confirmed counterexample is an incompatibility; one
without is a change the checker could not prove safe.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from specguard.compiler.diff.schemacompat.model import ABSENT, ANY
from specguard.compiler.diff.schemacompat.reason import Path
from specguard.compiler.diff.schemacompat.refs import S
from specguard.compiler.ir.catalog import ConfigVersion
from specguard.compiler.ir.upgrade import upgrade_through

_NOTHING = object()
FORMAT_EXAMPLES = {"date": "2024-01-01", "date-time": "2024-01-01T00:00:00Z", "time": "00:00:00Z",
                   "email": "a@example.com", "uri": "https://example.com/", "uuid": "00000000-0000-4000-8000-000000000000",
                   "ipv4": "192.0.2.1", "ipv6": "2001:db8::1", "hostname": "example.com", "duration": "P1D"}
MAX_TRIES = 60


@dataclass(frozen=True)
class Witness:
    document: Any  # as the writing version holds it
    received: Any  # as the reading version receives it (upgraded, for backward)
    error: str  # why the reading version rejects it


def key_schema(s: S | None, key: str) -> S | None:
    """The schema of ``key``'s value in ``s``: its property, a matching pattern, or additionalProperties."""
    if s is None:
        return None
    found = s.sub("properties", key)
    if found is not None:
        return found
    import re

    for pattern in s.named("patternProperties"):
        try:
            if re.search(pattern, key):
                return s.sub("patternProperties", pattern)
        except re.error:
            continue
    for c in s.conjuncts():
        inner = key_schema(c, key)
        if inner is not None:
            return inner
    return s.sub("additionalProperties")


def item_schema(s: S | None, i: int) -> S | None:
    if s is None:
        return None
    prefix = s.subs("prefixItems")
    return prefix[i] if i < len(prefix) else s.sub("items")


def example(s: S | None, depth: int = 0) -> Any:
    """A value ``s`` accepts, found by trying simple candidates (the first, when none is accepted)."""
    if s is None or s.node is True:
        return None
    candidates = list(_candidates(s, depth))
    for c in candidates:
        if s.accepts(c):
            return c
    for branch in s.conjuncts() + s.subs("anyOf") + s.subs("oneOf"):
        c = example(branch, depth + 1) if depth < 8 else None
        if s.accepts(c):
            return c
    return candidates[0] if candidates else None


def _candidates(s: S, depth: int):
    if s.has("const"):
        yield s.get("const")
    if isinstance(s.get("enum"), list):
        yield from s.get("enum")
    types = s.types()
    order = ["object", "string", "integer", "number", "boolean", "null", "array"]
    inferred = "object" if s.has("properties") or s.has("required") else "array" if s.has("items") else None
    for t in (sorted(types, key=order.index) if types else ([inferred] if inferred else []) + order):
        if depth > 8 and t in ("object", "array"):
            continue
        yield _typed(s, t, depth)


def _typed(s: S, t: str, depth: int) -> Any:
    if t == "object":
        required = list(s.get("required", [])) + [k for c in s.conjuncts() for k in c.get("required", [])]
        return {k: example(key_schema(s, k), depth + 1) for k in dict.fromkeys(required)}
    if t == "array":
        n = max(s.get("minItems", 0), len(s.subs("prefixItems")))
        return [example(item_schema(s, i), depth + 1) for i in range(n)]
    if t == "string":
        fmt = s.get("format")
        return FORMAT_EXAMPLES.get(fmt, "a" * s.get("minLength", 0)) if fmt else "a" * s.get("minLength", 0)
    if t in ("integer", "number"):
        return _number(s)
    return {"boolean": False, "null": None}[t]


def _number(s: S) -> int | float:
    import math

    lo = s.get("minimum", s.get("exclusiveMinimum"))
    hi = s.get("maximum", s.get("exclusiveMaximum"))
    v: int | float = 0 if lo is None else math.floor(lo) + 1 if s.has("exclusiveMinimum") else math.ceil(lo)
    if hi is not None and v > hi:
        v = math.floor(hi)
    m = s.get("multipleOf")
    if isinstance(m, int) and m > 0:
        v = m * math.ceil(v / m)
    return v


def place(doc: Any, s: S | None, path: Path, value: Any) -> list[Any]:
    """``doc`` with ``value`` at ``path`` (one document per choice of key where a step has several)."""
    if not path:
        return [doc if value is ANY else value]
    step, rest = path[0], path[1:]
    if isinstance(step, int):
        arr = list(doc) if isinstance(doc, list) else []
        while len(arr) <= step:
            arr.append(example(item_schema(s, len(arr))))
        return [arr[:step] + [v] + arr[step + 1:] for v in place(arr[step], item_schema(s, step), rest, value)]
    obj = dict(doc) if isinstance(doc, dict) else {}
    if not rest and value is ABSENT:
        return [{k: v for k, v in obj.items() if k not in step}]
    out = []
    for key in step:
        sub = key_schema(s, key)
        current = obj[key] if key in obj else example(sub)
        out += [{**obj, key: v} for v in place(current, sub, rest, value)]
    return out


def confirm(writer: S, reader: S, chain: list[ConfigVersion], witnesses, pointer: str = "") -> Witness | None:
    """A candidate document that proves the difference (one the reader rejects at ``pointer``, if any
    does), or None."""
    from jsonschema.exceptions import best_match

    base = example(writer)
    docs = itertools.chain((d for path, v in witnesses for d in place(base, writer, path, v)), [base])
    found = None
    for doc in itertools.islice(docs, MAX_TRIES):
        if (chain and not isinstance(doc, dict)) or not writer.accepts(doc):
            continue
        received = upgrade_through(doc, chain) if chain else doc
        errors = reader.errors(received)
        here = [e for e in errors if reader.pointer_of(list(e.absolute_schema_path)) == pointer]
        if here:
            return Witness(doc, received, here[0].message)
        if errors and found is None:
            found = Witness(doc, received, best_match(errors).message)
    return found
