"""What an ``upgrade:`` step does to a config document: the reference semantics.

The compatibility checker reasons about these steps on schemas, the generated Python upgraders run
them on documents, and the SQL backfills run them in the database; all three are tested against this
module, so it is the one definition. A document of version N-1 becomes a document of version N by:

1. ``rename``: each old key present moves to its new key (replacing a value already there);
2. ``remove``: each listed key is dropped;
3. ``map_values``: where a key (named as in version N) holds one of the old values, it becomes the new
   value. Old values are written as YAML mapping keys, so they are text: a string matches a document
   string equal to it; a number, ``true``, ``false`` or ``null`` matches by its JSON spelling (``1``
   matches the number 1, never the string "1");
4. ``set``: each key is given its value, whatever it held;
5. defaults: every property of version N's schema that has a ``default`` and is absent is filled in,
   in nested objects too (where the document has the object and the schema describes it inline or
   through a local ``$ref``).

Only top-level keys are renamed, removed, mapped or set. Steps apply in this order, one version at a
time: a version-1 document reaches version 3 through version 2's steps and defaults, then version 3's.
Nothing here mutates its input.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from specguard.compiler.ir.catalog import ConfigUpgrade, ConfigVersion


def upgrade_document(doc: dict[str, Any], target: ConfigVersion) -> dict[str, Any]:
    """``doc`` (a document of version ``target.version - 1``) as a document of ``target``'s version."""
    out = copy.deepcopy(doc)
    if target.upgrade is not None:
        out = apply_steps(out, target.upgrade)
    return fill_defaults(out, target.schema)


def upgrade_through(doc: dict[str, Any], versions: list[ConfigVersion]) -> dict[str, Any]:
    """``doc`` upgraded through each of ``versions`` in turn (the versions after the document's own)."""
    for v in versions:
        doc = upgrade_document(doc, v)
    return doc


def apply_steps(doc: dict[str, Any], up: ConfigUpgrade) -> dict[str, Any]:
    """Steps 1 to 4 on a copy of ``doc``."""
    out = dict(doc)
    for old, new in up.rename:
        if old in out:
            out[new] = out.pop(old)
    for key in up.remove:
        out.pop(key, None)
    for key, mapping in up.map_values:
        if key in out:
            out[key] = map_value(out[key], mapping)
    for key, value in up.set:
        out[key] = thaw(value)
    return out


def map_value(value: Any, mapping: tuple[tuple[str, Any], ...]) -> Any:
    """``value`` after one ``map_values`` entry list: the new value of the first old value it is."""
    for old_text, new_value in mapping:
        if matches(value, old_text):
            return thaw(new_value)
    return value


def matches(value: Any, old_text: str) -> bool:
    """Whether a document value is the old value a ``map_values`` entry names (see step 3)."""
    if isinstance(value, str):
        return value == old_text
    if isinstance(value, (bool, int, float)) or value is None:
        return json.dumps(value) == old_text
    return False


def thaw(value: Any) -> Any:
    """An upgrade value as JSON: the IR keeps lists and mappings as canonical JSON text."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def fill_defaults(doc: Any, schema: Any, root: Any = None) -> Any:
    """``doc`` with the defaults of ``schema`` filled in where properties are absent (step 5)."""
    root = schema if root is None else root
    schema = _deref(schema, root)
    if not isinstance(doc, dict) or not isinstance(schema, dict):
        return doc
    props = schema.get("properties")
    if not isinstance(props, dict):
        return doc
    out = dict(doc)
    for key, sub in props.items():
        sub = _deref(sub, root)
        if key not in out and isinstance(sub, dict) and "default" in sub:
            out[key] = copy.deepcopy(sub["default"])
        elif key in out:
            out[key] = fill_defaults(out[key], sub, root)
    return out


def _deref(schema: Any, root: Any, seen: frozenset[str] = frozenset()) -> Any:
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if not isinstance(ref, str) or not (ref == "#" or ref.startswith("#/")) or ref in seen:
        return schema
    node: Any = root
    for part in ref[2:].split("/") if ref != "#" else ():
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return schema
        node = node[part]
    return _deref(node, root, seen | {ref})


deref = _deref  # public: the generators plan defaults with exactly this dereferencing
