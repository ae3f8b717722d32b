"""Arrays: ``prefixItems`` (tuples), ``items``, item counts, ``uniqueItems`` and ``contains``."""

from __future__ import annotations

from collections.abc import Callable

from specguard.compiler.schemacompat.meet import item_at
from specguard.compiler.schemacompat.model import Arr, Model
from specguard.compiler.schemacompat.normalize import carried
from specguard.compiler.schemacompat.reason import Path, Reason, reason
from specguard.compiler.schemacompat.refs import S

Sub = Callable[[Model, S, Path], list[Reason]]


def longest(x: Arr) -> int | None:
    """The most items ``x`` may hold (None: no limit)."""
    if x.items is not None and x.items.empty:
        n = len(x.prefix)
        return n if x.max_items is None else min(n, x.max_items)
    return x.max_items


def array_reasons(x: Arr, s: S, path: Path, sub: Sub) -> list[Reason]:
    out = _item_reasons(x, s, path, sub)
    most = longest(x)
    lo, hi = s.count("minItems"), s.count("maxItems")
    if lo is not None and lo > x.min_items:
        out.append(reason(s.at, "minItems", x.at, f"`minItems: {lo}`, but documents may hold {x.min_items} items",
                          "keep the old `minItems`", path, [[]] if x.min_items == 0 else []))
    if hi is not None and (most is None or hi < most):
        held = "any number of" if most is None else f"up to {most}"
        out.append(reason(s.at, "maxItems", x.at, f"`maxItems: {hi}`, but documents may hold {held} items",
                          "keep the old `maxItems`", path, [[0] * (hi + 1), [""] * (hi + 1), [None] * (hi + 1)]))
    if s.get("uniqueItems") is True and not x.unique and (most is None or most > 1):
        out.append(reason(s.at, "uniqueItems", x.at, "`uniqueItems: true`, but documents may repeat an item",
                          "keep `uniqueItems` as it was", path, [[0, 0], ["", ""], [None, None], [{}, {}]]))
    for key in ("contains", "unevaluatedItems"):
        if s.has(key) and not (key == "contains" and carried(s, x, ("contains", "minContains", "maxContains"))):
            out.append(reason(s.at, key, x.at, f"`{key}` cannot be proven to hold for every document",
                              f"keep `{key}` as it was", path, [[]]))
    return out


def _item_reasons(x: Arr, s: S, path: Path, sub: Sub) -> list[Reason]:
    """Each position of the writer's arrays against the reader's schema for that position."""
    reader_prefix = s.subs("prefixItems")
    reader_items = s.sub("items")
    most = longest(x)
    out: list[Reason] = []
    n = max(len(x.prefix), len(reader_prefix))
    for i in range(n + 1):
        if most is not None and i >= most:
            break
        target = reader_prefix[i] if i < len(reader_prefix) else reader_items
        if target is None:
            continue
        out += sub(item_at(x, i), target, path + (i,))
    return out
