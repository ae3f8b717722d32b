"""Values a schema accepts, found by trying simple candidates that jsonschema then judges.

Used to build counterexample documents around a changed value, and to suggest a valid default.
Nothing here needs to be complete: a candidate the schema rejects is simply not used.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from specguard.compiler.schemacompat.model import json_key
from specguard.compiler.schemacompat.refs import S
from specguard.compiler.schemacompat.samples import FREE_KEYS
from specguard.compiler.schemacompat.scalars import FORMAT_EXAMPLES, keys_for

ORDER = ["object", "string", "integer", "number", "boolean", "null", "array"]
MAX_DEPTH = 8


def key_schema(s: S | None, key: str) -> S | None:
    """The schema of ``key``'s value in ``s``: its property, a matching pattern, or additionalProperties."""
    if s is None:
        return None
    found = s.sub("properties", key)
    if found is not None:
        return found
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


def examples(s: S | None, k: int = 1, depth: int = 0) -> list[Any]:
    """Up to ``k`` distinct values ``s`` accepts."""
    if s is None or s.node is True:
        return [None, 0, "", False, {}, []][:k]
    out: list[Any] = []
    seen: set = set()
    for c in _candidates(s, depth):
        key = json_key(c, strict=True)
        if key not in seen and s.accepts(c):
            seen.add(key)
            out.append(c)
            if len(out) >= k:
                break
    return out


def example(s: S | None, depth: int = 0) -> Any:
    """A value ``s`` accepts (a plain guess when none was found)."""
    found = examples(s, 1, depth)
    return found[0] if found else None


def _candidates(s: S, depth: int) -> Iterator[Any]:
    if s.has("const"):
        yield s.get("const")
    if isinstance(s.get("enum"), list):
        yield from s.get("enum")
    types = s.types()
    inferred = "object" if s.has("properties") or s.has("required") else "array" if s.has("items") else None
    for t in sorted(types, key=ORDER.index) if types else ([inferred] if inferred else []) + ORDER:
        if depth < MAX_DEPTH or t not in ("object", "array"):
            yield from _typed(s, t, depth)
    if depth < MAX_DEPTH:
        branches = s.conjuncts() + s.subs("anyOf") + s.subs("oneOf") + [b for b in (s.sub("then"), s.sub("else")) if b]
        for b in branches:
            yield from examples(b, 3, depth + 1)


def _typed(s: S, t: str, depth: int) -> list[Any]:
    if t == "object":
        return _objects(s, depth)
    if t == "array":
        return _arrays(s, depth)
    if t == "string":
        return _strings(s)
    if t in ("integer", "number"):
        return _numbers(s, t == "integer")
    return [{"boolean": False, "null": None}[t], True] if t == "boolean" else [None]


def _objects(s: S, depth: int) -> list[dict]:
    required = list(s.get("required", [])) + [k for c in s.conjuncts() for k in c.get("required", [])]
    base = {k: _key_example(s, k, depth) for k in dict.fromkeys(required)}
    fuller = dict(base)
    names = [*s.named("properties"), *FREE_KEYS]  # declared keys first, then keys an open object allows
    for k in [n for n in names if n not in base][: max(0, s.count("minProperties", 0) - len(base))]:
        fuller[k] = _key_example(s, k, depth)
    return [base, fuller]


def _key_example(s: S, key: str, depth: int) -> Any:
    """A value for ``key`` that its property and every pattern matching it accept."""
    schemas = [t for t in [key_schema(s, key)] if t is not None]
    for pattern, sub in s.named("patternProperties").items():
        try:
            if re.search(pattern, key) and sub is not None:
                schemas.append(sub)
        except re.error:
            continue
    candidates = [v for t in schemas for v in examples(t, 3, depth + 1)]
    return next((v for v in candidates if all(t.accepts(v) for t in schemas)), candidates[0] if candidates else None)


def _arrays(s: S, depth: int) -> list[list]:
    n = max(s.count("minItems", 0), len(s.subs("prefixItems")))
    plain = [example(item_schema(s, i), depth + 1) for i in range(n)]
    prefix = plain[: len(s.subs("prefixItems"))]
    rest = examples(item_schema(s, len(prefix)), n - len(prefix), depth + 1)
    return [plain, prefix + rest]


def _strings(s: S) -> list[str]:
    fmt = s.get("format")
    if fmt in FORMAT_EXAMPLES:
        return [FORMAT_EXAMPLES[fmt]]
    n = s.count("minLength", 0)
    out = ["a" * n, "b" * n, ("ab" * n)[:n] or "", "a" * (n + 1), "b" * (n + 1), "0" * max(n, 1)]
    pattern = s.get("pattern")
    if isinstance(pattern, str):
        try:
            out = keys_for(pattern) + [c for c in out if re.search(pattern, c)] + out
        except Exception:  # noqa: BLE001 - a pattern Python cannot read gets the plain guesses
            pass
    return out


def _numbers(s: S, integer: bool) -> list[int | float]:
    lo = s.get("minimum", s.get("exclusiveMinimum"))
    hi = s.get("maximum", s.get("exclusiveMaximum"))
    v: int | float = 0 if lo is None else math.floor(lo) + 1 if s.has("exclusiveMinimum") else math.ceil(lo)
    if hi is not None and v > hi:
        v = math.floor(hi)
    m = s.get("multipleOf")
    out: list[int | float] = [v, v + 1, v - 1]
    if isinstance(m, int) and m > 0:
        out = [m * math.ceil(v / m), m * math.floor(v / m), m * (math.ceil(v / m) + 1)] + out
    if not integer:
        out += [x + 0.5 for x in out[:2]]
    return out
