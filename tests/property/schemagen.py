"""Random config schemas, changes of them, upgrade steps, and documents aimed at their edges.

Schemas are drawn from the keyword families the compatibility checker knows (bounds, lengths,
patterns, enums and const, nested objects and arrays, tuples, open/closed/patterned content models,
anyOf/oneOf/allOf, not, if/then/else, ``$ref`` into ``$defs``). A change applies a few edits at
random places. Documents are drawn per schema node, around its bounds and from its patterns and
enums, and are only used after jsonschema accepted them (the generator aims, the validator judges).

hypothesis-jsonschema would have drawn the documents, but its 0.23.1 fails on this hypothesis
(``'many' object has no attribute 'more'``), so the tests carry their own small drawer.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

KEYS = ["a", "b", "c", "x_1"]
WORDS = ["x", "y", "z"]
PATTERNS = ["^a", "b$", "^[a-c]*$", "^[a-z]+$", "a"]
SMALL = st.integers(-3, 6)


def _maybe(draw, key: str, strategy, out: dict) -> None:
    if draw(st.booleans()):
        out[key] = draw(strategy)


@st.composite
def number_schema(draw) -> dict:
    out: dict[str, Any] = {"type": draw(st.sampled_from(["integer", "number", ["integer", "null"]]))}
    for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        if draw(st.integers(0, 3)) == 0:
            out[key] = draw(SMALL)
    if draw(st.integers(0, 4)) == 0:
        out["multipleOf"] = draw(st.sampled_from([1, 2, 3, 4]))
    return out


@st.composite
def string_schema(draw) -> dict:
    out: dict[str, Any] = {"type": draw(st.sampled_from(["string", ["string", "null"]]))}
    if draw(st.integers(0, 2)) == 0:
        out["minLength"] = draw(st.integers(0, 3))
    if draw(st.integers(0, 2)) == 0:
        out["maxLength"] = draw(st.integers(0, 5))
    if draw(st.integers(0, 3)) == 0:
        out["pattern"] = draw(st.sampled_from(PATTERNS))
    if draw(st.integers(0, 8)) == 0:
        out["format"] = "date"
    return out


LEAVES = st.one_of(
    number_schema(),
    string_schema(),
    st.builds(lambda v: {"enum": v}, st.lists(st.sampled_from([*WORDS, 1, 2, True, None]), min_size=1, max_size=4, unique=True)),
    st.builds(lambda v: {"const": v}, st.sampled_from([*WORDS, 1, False])),
    st.just({"type": "boolean"}),
    st.just({}),
).map(copy.deepcopy)  # every draw its own object: edits change one place only


def _extend(children):
    return st.one_of(
        object_schema(children),
        st.builds(lambda i, lo, hi, u: {"type": "array", "items": i, "minItems": lo, "maxItems": hi, "uniqueItems": u},
                  children, st.integers(0, 2), st.integers(1, 4), st.booleans()),
        st.builds(lambda p, closed: {"type": "array", "prefixItems": p, **({"items": False} if closed else {})},
                  st.lists(children, min_size=1, max_size=2), st.booleans()),
        st.builds(lambda kw, bs: {kw: bs}, st.sampled_from(["anyOf", "oneOf", "allOf"]),
                  st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda base, n: {**base, "not": n}, children, LEAVES),
        st.builds(lambda i, t, e: {"if": i, "then": t, "else": e}, LEAVES, children, children),
    )


@st.composite
def object_schema(draw, children) -> dict:
    keys = draw(st.lists(st.sampled_from(KEYS), max_size=3, unique=True))
    out: dict[str, Any] = {"type": "object", "properties": {k: draw(children) for k in keys}}
    required = [k for k in keys if draw(st.booleans())]
    if required:
        out["required"] = required
    shape = draw(st.sampled_from(["open", "closed", "typed", "patterned"]))
    if shape == "closed":
        out["additionalProperties"] = False
    elif shape == "typed":
        out["additionalProperties"] = draw(LEAVES)
    elif shape == "patterned":
        out["patternProperties"] = {"^x_": draw(LEAVES)}
        out["additionalProperties"] = False
    return out


SCHEMAS = st.recursive(LEAVES, _extend, max_leaves=6)


@st.composite
def config_schema(draw) -> dict:
    """A top-level object schema, sometimes with a property moved into ``$defs`` behind a ``$ref``."""
    schema = draw(object_schema(SCHEMAS))
    props = schema["properties"]
    if props and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(props)))
        schema["$defs"] = {"d": props[key]}
        props[key] = {"$ref": "#/$defs/d"}
    for sub in props.values():
        if draw(st.integers(0, 3)) == 0 and isinstance(sub, dict) and "$ref" not in sub:
            sub["default"] = draw(st.sampled_from([*WORDS, 0, 1, 3, None, True, [], {}]))
    return schema


# --- changes ---------------------------------------------------------------------------------------


def nodes(schema: Any, path: tuple = ()) -> list[tuple]:
    """Paths of every schema node (dict) inside ``schema``."""
    if not isinstance(schema, dict):
        return []
    out = [path]
    for key, value in schema.items():
        if key in ("properties", "patternProperties", "$defs") and isinstance(value, dict):
            for k, v in value.items():
                out += nodes(v, path + (key, k))
        elif key in ("items", "not", "if", "then", "else", "additionalProperties"):
            out += nodes(value, path + (key,))
        elif key in ("anyOf", "oneOf", "allOf", "prefixItems") and isinstance(value, list):
            for i, v in enumerate(value):
                out += nodes(v, path + (key, i))
    return out


def _at(schema: Any, path: tuple) -> Any:
    for p in path:
        schema = schema[p]
    return schema


BOUNDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems",
          "maxItems", "multipleOf", "minProperties", "maxProperties"]


@st.composite
def edit(draw, node: dict) -> None:
    """One random edit of ``node``, in place."""
    kind = draw(st.sampled_from(["bound", "drop", "enum", "required", "closed", "type", "property", "pattern",
                                 "wrap", "default"]))
    if kind == "bound":
        key = draw(st.sampled_from(BOUNDS))
        node[key] = draw(st.integers(1, 4)) if key in ("multipleOf",) else draw(st.integers(0, 5))
    elif kind == "drop" and node:
        node.pop(draw(st.sampled_from(sorted(node))))
    elif kind == "enum":
        values = list(node.get("enum", WORDS))
        node["enum"] = draw(st.lists(st.sampled_from([*values, *WORDS, 1]), min_size=1, max_size=4, unique=True))
    elif kind == "required" and isinstance(node.get("properties"), dict) and node["properties"]:
        node["required"] = draw(st.lists(st.sampled_from(sorted(node["properties"])), max_size=3, unique=True))
    elif kind == "closed":
        if node.get("additionalProperties") is False:
            node.pop("additionalProperties")
        else:
            node["additionalProperties"] = False
    elif kind == "type":
        node["type"] = draw(st.sampled_from(["integer", "number", "string", ["string", "null"], "object", "array"]))
    elif kind == "property" and node.get("type") == "object":
        node.setdefault("properties", {})[draw(st.sampled_from(KEYS))] = draw(LEAVES)
    elif kind == "pattern":
        node["pattern"] = draw(st.sampled_from(PATTERNS))
    elif kind == "wrap":
        node["anyOf"] = [draw(LEAVES), draw(LEAVES)]
    elif kind == "default":
        node["default"] = draw(st.sampled_from([*WORDS, 0, 2, None, []]))


@st.composite
def changed(draw, schema: dict) -> dict:
    """``schema`` after one to three edits at random nodes."""
    out = json.loads(json.dumps(schema))  # shares nothing with version 1, nor within itself
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(nodes(out)))
        draw(edit(_at(out, path)))
    out["type"] = "object"  # a config describes an object
    return out


@st.composite
def upgrade_steps(draw, old: dict, new: dict) -> dict:
    """Steps naming keys of the two versions (the resolver holds them to that), or none."""
    olds, news = sorted(old.get("properties", {})), sorted(new.get("properties", {}))
    up: dict[str, Any] = {}
    if olds and news and draw(st.booleans()):
        up["rename"] = {draw(st.sampled_from(olds)): draw(st.sampled_from(news))}
    if olds and draw(st.integers(0, 2)) == 0:
        up["remove"] = [draw(st.sampled_from(olds))]
    if news and draw(st.integers(0, 2)) == 0:
        up["map_values"] = {draw(st.sampled_from(news)): {draw(st.sampled_from([*WORDS, "1", "true"])):
                                                          draw(st.sampled_from([*WORDS, 1, 2]))}}
    if news and draw(st.integers(0, 3)) == 0:
        up["set"] = {draw(st.sampled_from(news)): draw(st.sampled_from([*WORDS, 0, 1]))}
    return up


# --- documents -------------------------------------------------------------------------------------

JSON_LEAF = st.one_of(st.none(), st.booleans(), st.integers(-4, 8), st.sampled_from([0.5, 2.0, -1.5]),
                      st.sampled_from(["", "a", "x", "abc", "b1", "2024-01-01"]))


def documents(node: Any, root: dict, depth: int = 0) -> st.SearchStrategy:
    """Values aimed at ``node``: its enum, its bounds, its patterns, its properties."""
    if not isinstance(node, dict) or depth > 6:
        return JSON_LEAF
    if "$ref" in node:
        target = root.get("$defs", {}).get(node["$ref"].rsplit("/", 1)[1])
        return documents(target, root, depth + 1) if target is not None else JSON_LEAF
    options = []
    if "const" in node:
        options.append(st.just(node["const"]))
    if "enum" in node:
        options.append(st.sampled_from(node["enum"]))
    for key in ("anyOf", "oneOf", "allOf"):
        options += [documents(b, root, depth + 1) for b in node.get(key, [])]
    if "then" in node:
        options += [documents(node.get(k, {}), root, depth + 1) for k in ("then", "else")]
    types = node.get("type") or []
    types = [types] if isinstance(types, str) else types
    options += [_typed(node, t, root, depth) for t in types]
    if "properties" in node and "object" not in types:
        options.append(_typed(node, "object", root, depth))
    if not options or draw_leaf(depth):
        options.append(JSON_LEAF)
    return st.one_of(options)


def draw_leaf(depth: int) -> bool:
    # below the top, an arbitrary value now and then: the edges of a type are not the only edges
    return depth > 0


def _typed(node: dict, t: str, root: dict, depth: int) -> st.SearchStrategy:
    if t in ("integer", "number"):
        edges = [node[k] for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum") if k in node]
        near = st.sampled_from([e + d for e in edges or [0] for d in (-1, 0, 1)])
        return st.one_of(near, st.integers(-6, 10), near.map(float), st.sampled_from([0.5, 1.5]))
    if t == "string":
        pattern = node.get("pattern")
        lo = node.get("minLength", 0)
        lo = max(0, lo - 1)
        text = st.text(alphabet="abcxyz01 -", min_size=lo, max_size=max(lo, node.get("maxLength", lo + 5) + 1))
        dates = st.sampled_from(["2024-01-01", "2024-13-01"]) if node.get("format") else st.nothing()
        return st.one_of(st.from_regex(pattern), text, dates) if pattern else st.one_of(text, dates)
    if t == "array":
        item = documents(node.get("items", {}), root, depth + 1)
        prefix = [documents(p, root, depth + 1) for p in node.get("prefixItems", [])]
        lo = node.get("minItems", 0)
        tail = st.lists(item, min_size=lo, max_size=max(lo, node.get("maxItems", 3) + 1))
        return st.builds(lambda head, rest: [*head, *rest], st.tuples(*prefix), tail) if prefix else tail
    if t == "object":
        props = node.get("properties", {})
        required = [k for k in node.get("required", []) if k in props]
        values = {k: documents(v, root, depth + 1) for k, v in props.items()}
        extra = st.one_of(st.just({}), st.dictionaries(st.sampled_from(["x_9", "zz", *KEYS]), JSON_LEAF, max_size=2))
        chosen = st.fixed_dictionaries({k: values[k] for k in required},
                                       optional={k: v for k, v in values.items() if k not in required})
        return st.builds(lambda c, more: {**more, **c}, chosen, extra)
    return JSON_LEAF
