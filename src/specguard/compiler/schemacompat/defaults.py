"""Defaults that changed between two versions: compatible, but the meaning of old documents moves.

A document that left a key out meant the old default; after the upgrade it holds the new one.
Properties are paired by their place in documents (through ``properties``, ``items`` and
``prefixItems``, references followed), so moving a schema into ``$defs`` is no change.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from specguard.compiler.schemacompat.refs import S, canonical, join


def changed_defaults(old: Any, new: Any) -> list[tuple[str, Any, Any]]:
    """(pointer in ``new``, old default, new default) for each default that differs."""
    try:
        return list(_walk(S.of(old), S.of(new), 0))
    except Exception:  # noqa: BLE001 - a schema the checker refuses is reported by the checker itself
        return []


def _walk(a: S, b: S, depth: int) -> Iterator[tuple[str, Any, Any]]:
    if depth > 32:
        return
    if a.has("default") and b.has("default") and canonical(a.get("default")) != canonical(b.get("default")):
        yield join(b.at, "default"), a.get("default"), b.get("default")
    for key, sub in b.named("properties").items():
        mine = a.sub("properties", key)
        if mine is not None:
            yield from _walk(mine, sub, depth + 1)
    items_a, items_b = a.sub("items"), b.sub("items")
    if items_a is not None and items_b is not None:
        yield from _walk(items_a, items_b, depth + 1)
    for pa, pb in zip(a.subs("prefixItems"), b.subs("prefixItems")):
        yield from _walk(pa, pb, depth + 1)
