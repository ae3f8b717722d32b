"""Hypothesis strategies for JSON Schemas made of the keywords the generators support, and for JSON
documents that come near them (their keys, enum values, bounds), so both verdicts are exercised."""

from __future__ import annotations

from hypothesis import strategies as st

PROPS = ["a", "b", "c", "x-y", "model_config", "class"]
SCALARS = (st.none() | st.booleans() | st.integers(-3, 12) | st.sampled_from([0.5, 1.0, 2.5, -1.5, 1e300])
           | st.sampled_from(["", "a", "ab", "abc", "A1", "2024-02-29", "2023-02-29", "12:00:00Z", "a@b",
                              "http://x.io/p?q#f", "::1", "10.0.0.1", "ex-ample.com", "-bad.com", "x y"]))
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(PROPS), inner, max_size=4),
                    max_leaves=10)
PATTERNS = ["^a", "b$", "^[a-z]+$", "(?!x)^.", "\\d"]
FORMATS = ["date", "date-time", "time", "email", "ipv4", "ipv6", "uri", "uri-reference", "hostname", "uuid", "regex"]


def _numeric() -> st.SearchStrategy[dict]:
    bound = st.integers(-2, 10) | st.sampled_from([0.5, 2.5])
    return st.fixed_dictionaries({"type": st.sampled_from(["integer", "number"])}, optional={
        "minimum": bound, "maximum": bound, "exclusiveMinimum": bound, "exclusiveMaximum": bound,
        "multipleOf": st.sampled_from([2, 3, 0.5, 1.5])})


def _string() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({"type": st.just("string")}, optional={
        "minLength": st.integers(0, 3), "maxLength": st.integers(0, 4), "pattern": st.sampled_from(PATTERNS),
        "format": st.sampled_from(FORMATS)})


def _leaf() -> st.SearchStrategy:
    enum = st.lists(SCALARS, min_size=1, max_size=4).map(lambda v: {"enum": v})
    const = JSON.map(lambda v: {"const": v})
    simple = st.sampled_from([{"type": "boolean"}, {"type": "null"}, {}, True, False, {"type": ["string", "null"]},
                              {"type": ["integer", "boolean"]}])
    return _numeric() | _string() | enum | const | simple


def _object(sub) -> st.SearchStrategy[dict]:
    props = st.dictionaries(st.sampled_from(PROPS), sub, max_size=3)
    return st.fixed_dictionaries({"type": st.sampled_from(["object", ["object", "null"]]), "properties": props}, optional={
        "required": st.lists(st.sampled_from(PROPS), max_size=2, unique=True),
        "additionalProperties": st.booleans() | sub, "patternProperties": st.dictionaries(st.sampled_from(PATTERNS), sub, max_size=1),
        "minProperties": st.integers(0, 2), "maxProperties": st.integers(1, 3),
        "propertyNames": st.just({"maxLength": 3}), "dependentRequired": st.just({"a": ["b"]})})


def _array(sub) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({"type": st.just("array")}, optional={
        "items": sub, "prefixItems": st.lists(sub, min_size=1, max_size=2), "minItems": st.integers(0, 2),
        "maxItems": st.integers(0, 3), "uniqueItems": st.booleans(), "contains": sub, "minContains": st.integers(0, 2),
        "maxContains": st.integers(1, 2)})


def _combined(sub) -> st.SearchStrategy[dict]:
    branches = st.lists(sub, min_size=1, max_size=3)
    return (branches.map(lambda b: {"anyOf": b}) | branches.map(lambda b: {"oneOf": b})
            | branches.map(lambda b: {"allOf": b}) | sub.map(lambda s: {"not": s})
            | st.tuples(sub, sub, sub).map(lambda t: {"if": t[0], "then": t[1], "else": t[2]})
            | st.tuples(sub, _numeric()).map(lambda t: {**t[1], "anyOf": [t[0], {"type": "string"}]})
            | st.sampled_from([{"properties": {"a": {"type": "integer"}}}, {"items": {"type": "integer"}},
                               {"required": ["a"]}, {"minimum": 2}, {"maxLength": 1}, {"additionalProperties": False}]))


def schemas() -> st.SearchStrategy:
    """A schema of supported keywords, at most a few levels deep; sometimes through ``$defs``/``$ref``."""
    tree = st.recursive(_leaf(), lambda sub: _object(sub) | _array(sub) | _combined(sub), max_leaves=6)
    with_defs = st.tuples(tree, tree).map(lambda t: {"$defs": {"d": t[0]}, "anyOf": [{"$ref": "#/$defs/d"}, t[1]]})
    return tree | with_defs


def documents_near(schema) -> st.SearchStrategy:
    """JSON values, some built from the schema's own keys and values."""
    found: list = []

    def walk(s) -> None:
        if isinstance(s, dict):
            for k, v in s.items():
                if k in ("enum",):
                    found.extend(v)
                elif k == "const":
                    found.append(v)
                walk(v)
        elif isinstance(s, list):
            for v in s:
                walk(v)

    walk(schema)
    near = st.sampled_from(found) if found else SCALARS
    values = st.recursive(near | SCALARS, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.sampled_from(PROPS), inner, max_size=4), max_leaves=8)
    return values


def buildable_schemas() -> st.SearchStrategy[dict]:
    """Closed objects of typed leaves: schemas ``docgen`` builds valid documents for."""
    leaf = (st.fixed_dictionaries({"type": st.just("integer")}, optional={"minimum": st.integers(-3, 0),
                                                                           "maximum": st.integers(1, 9)})
            | st.fixed_dictionaries({"type": st.just("string")}, optional={"maxLength": st.integers(1, 5),
                                                                            "pattern": st.sampled_from(["^[a-z]+$", "^x"])})
            | st.lists(SCALARS, min_size=1, max_size=3).map(lambda v: {"enum": v})
            | st.sampled_from([{"type": "boolean"}, {"type": "null"}, {"type": "number", "minimum": 0}]))

    def extend(sub):
        obj = st.fixed_dictionaries({"type": st.just("object"), "properties": st.dictionaries(st.sampled_from(PROPS), sub, max_size=3),
                                     "additionalProperties": st.just(False)})
        arr = st.fixed_dictionaries({"type": st.just("array"), "items": sub},
                                    optional={"maxItems": st.integers(0, 3), "uniqueItems": st.booleans()})
        return obj | arr

    return st.recursive(leaf, extend, max_leaves=6)
