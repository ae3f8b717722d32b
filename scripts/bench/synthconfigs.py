"""Synthetic config schemas of three versions, each backward compatible with the one before, and
documents (valid and invalid) to validate against them.

The versions walk through the compatible changes of the reference table (design notes,
reference.md, "JSON Schema compatibility"), on closed models (``additionalProperties: false``):

- v2: ``mood`` renamed to ``tone`` (``upgrade.rename``), the enum value ``cheerful`` removed with
  ``upgrade.map_values``, ``playful`` added; ``level``'s maximum raised; an optional property added;
  an optional property added to a nested closed object;
- v3: ``legacyFlag`` removed (``upgrade.remove``); ``level`` widened from integer to number; ``null``
  added to ``note``'s type; a required property added with a default; on every fifth config, an
  optional property added and written by ``upgrade.set``.

Configs differ in a few extra properties (by index), so the 200 schemas are not one schema 200 times.
The smoke test upgrades valid documents of each version with the reference upgrader and validates the
result against the next version: "compatible" is checked on documents, not only claimed.
"""

from __future__ import annotations

import json
import random
import re
from typing import Any

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_YAML11_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
_EXTRA_KINDS = (
    {"type": "string", "maxLength": 64},
    {"type": "integer", "minimum": 0},
    {"type": "boolean"},
    {"type": "array", "items": {"type": "string", "maxLength": 20}, "maxItems": 5},
)


def _extras(k: int) -> dict[str, dict]:
    return {f"opt{e}": dict(_EXTRA_KINDS[(k + e) % len(_EXTRA_KINDS)]) for e in range(k % 4)}


def _limits(v: int) -> dict:
    props: dict[str, Any] = {"daily": {"type": "integer", "minimum": 0},
                             "burst": {"type": "integer", "minimum": 0, "default": 10}}
    if v >= 2:
        props["monthly"] = {"type": "integer", "minimum": 0}
    return {"type": "object", "properties": props, "additionalProperties": False}


def schema(k: int, v: int) -> dict:
    """The JSON Schema of version ``v`` (1 to 3) of config number ``k``."""
    tags = {"type": "array", "items": {"type": "string", "maxLength": 40}, "maxItems": 10, "default": []}
    props: dict[str, Any] = {}
    if v == 1:
        props["mood"] = {"type": "string", "enum": ["cheerful", "calm", "formal"]}
    else:
        props["tone"] = {"type": "string", "enum": ["friendly", "calm", "formal", "playful"], "default": "friendly"}
    level_type = "integer" if v < 3 else "number"
    props["level"] = {"type": level_type, "minimum": 1, "maximum": 5 if v == 1 else 10, "default": 3}
    props["tags"] = tags
    if v < 3:
        props["legacyFlag"] = {"type": "boolean"}
    props["note"] = {"type": "string" if v < 3 else ["string", "null"], "maxLength": 200}
    props["limits"] = _limits(v)
    if v >= 2:
        props["verbosity"] = {"type": "integer", "minimum": 1, "maximum": 5, "default": 3}
    if v >= 3:
        props["theme"] = {"type": "string", "enum": ["light", "dark"], "default": "light"}
        if k % 5 == 0:
            props["source"] = {"type": "string", "maxLength": 20}
    props.update(_extras(k))
    required = ["mood"] if v == 1 else ["tone"] if v == 2 else ["tone", "theme"]
    return {"type": "object", "properties": props, "required": required, "additionalProperties": False}


def upgrade(k: int, v: int) -> dict | None:
    """The ``upgrade:`` step of version ``v`` (None for version 1)."""
    if v == 2:
        return {"rename": {"mood": "tone"}, "map_values": {"tone": {"cheerful": "friendly"}}}
    if v == 3:
        return {"remove": ["legacyFlag"], **({"set": {"source": "migrated"}} if k % 5 == 0 else {})}
    return None


def flow(value: Any) -> str:
    """A value in YAML flow style, quoting only the strings a YAML 1.1 or 1.2 reader could misread."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(key)}: {flow(v)}" for key, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, str) and _PLAIN.match(value) and value.lower() not in _YAML11_WORDS:
        return value
    return json.dumps(value)


def config_yaml(name: str, k: int, v: int) -> str:
    """One ``kind: config`` document: version ``v`` of config number ``k``."""
    s = schema(k, v)
    lines = [
        "kind: config",
        f"name: {name}",
        f"version: {v}",
        f"description: Synthetic settings {k}, version {v}.",
        "schema:",
        "  type: object",
        "  properties:",
        *(f"    {key}: {flow(sub)}" for key, sub in s["properties"].items()),
        f"  required: {flow(s['required'])}",
        "  additionalProperties: false",
    ]
    up = upgrade(k, v)
    if up:
        lines.append("upgrade:")
        lines += [f"  {step}: {flow(body)}" for step, body in up.items()]
    return "\n".join(lines) + "\n"


# --- documents ---------------------------------------------------------------------------------

def _value(sub: dict, rng: random.Random) -> Any:
    if "enum" in sub:
        return rng.choice(sub["enum"])
    kind = sub["type"]
    if isinstance(kind, list):
        kind = rng.choice(kind)
    if kind == "string":
        return "".join(rng.choice("abcdefgh ") for _ in range(rng.randint(0, min(sub.get("maxLength", 30), 30))))
    if kind == "integer":
        return rng.randint(sub.get("minimum", 0), sub.get("maximum", 1000))
    if kind == "number":
        return round(rng.uniform(sub.get("minimum", 0), sub.get("maximum", 1000)), 2)
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "null":
        return None
    if kind == "array":
        return [_value(sub["items"], rng) for _ in range(rng.randint(0, sub.get("maxItems", 5)))]
    return valid_document(sub, rng)


def valid_document(s: dict, rng: random.Random) -> dict:
    """A document valid under the object schema ``s``: its required keys and some optional ones."""
    required = set(s.get("required", ()))
    return {key: _value(sub, rng) for key, sub in s["properties"].items() if key in required or rng.random() < 0.6}


def _too_big(sub: dict) -> Any:
    if "maxLength" in sub:
        return "x" * (sub["maxLength"] + 1)
    if "maximum" in sub:
        return sub["maximum"] + 1
    if "maxItems" in sub:
        return ["a"] * (sub["maxItems"] + 1)
    return None


def _wrong_type(sub: dict) -> Any:
    kinds = sub.get("type")
    kinds = set(kinds) if isinstance(kinds, list) else {kinds}
    if kinds & {"integer", "number"}:
        return "3"  # a number as text: a lax validator would coerce it
    if "boolean" in kinds:
        return "true"
    return 7


def invalid_document(s: dict, rng: random.Random) -> dict:
    """A document that breaks ``s`` in one way: wrong type, unknown key, enum, bound or required key."""
    doc = valid_document(s, rng)
    props = s["properties"]
    key = rng.choice(sorted(props))
    way = rng.randrange(5)
    if way == 0:
        doc[key] = _wrong_type(props[key])
    elif way == 1:
        doc["unknownKey"] = 1
    elif way == 2 and "enum" in props[key]:
        doc[key] = "not-a-value"
    elif way == 3 and _too_big(props[key]) is not None:
        doc[key] = _too_big(props[key])
    elif s.get("required"):
        doc.pop(s["required"][0], None)
    else:
        doc["unknownKey"] = 1
    return doc


def documents(configs: int, count: int, seed: int = 11, invalid_share: float = 0.3) -> list[tuple[int, int, dict]]:
    """``count`` documents ``(config number, version, document)``, a share of them invalid by design.

    A document meant to be invalid may still happen to be valid (an ``enum`` mutation on a key without
    one); verdicts are compared between validators, never assumed.
    """
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        k, v = rng.randrange(configs), rng.randint(1, 3)
        s = schema(k, v)
        out.append((k, v, invalid_document(s, rng) if rng.random() < invalid_share else valid_document(s, rng)))
    return out
