"""diff: compare two IR catalogs into typed change operations.

One comparator module per object kind, run in this fixed order (alembic's autogenerate comparators
are the model): enums, tables (with their columns, keys, constraints and indexes), config versions,
cache policies. Each walks names in sorted order, so the result is deterministic. ``diff(a, b)`` is
empty exactly when ``a == b``: every compared field of the IR has an operation. The order of the list
is not the execution order: the SQL planner decides that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from specguard.compiler.diff import cache, configs, enums, tables
from specguard.compiler.diff.context import DiffContext
from specguard.compiler.diff.typechange import TypeChange, classify_type_change
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import Catalog

Comparator = Callable[[DiffContext], Iterable[o.Op]]
COMPARATORS: tuple[Comparator, ...] = (enums.compare, tables.compare, configs.compare, cache.compare)


def diff(old: Catalog, new: Catalog) -> list[o.Op]:
    """The operations that turn ``old`` into ``new``; empty when they declare the same thing."""
    if old == new:
        return []
    ctx = DiffContext.build(old, new)
    return [op for fn in COMPARATORS for op in fn(ctx)]


__all__ = ["COMPARATORS", "DiffContext", "TypeChange", "classify_type_change", "diff"]
