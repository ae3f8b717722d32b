"""Keys, constraints and indexes of a table in both catalogs, matched by name.

Same name and same definition: nothing. The same definition under a new name: a rename (catalog only).
Anything else: drop the old one and add the new one; the planner orders the steps safely.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from specguard.compiler.diff.context import DiffContext
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import Table


def _compare_named(table: str, old_items, new_items, add, drop) -> Iterator[o.Op]:
    old_by, new_by = {x.name: x for x in old_items}, {x.name: x for x in new_items}
    old_only = sorted(n for n in old_by if n not in new_by or old_by[n] != new_by[n])
    new_only = sorted(n for n in new_by if n not in old_by or old_by[n] != new_by[n])
    renamed = _renames(old_by, new_by, old_only, new_only)
    for on in old_only:
        if on in renamed:
            item = new_by[renamed[on]]
            if add is o.CreateIndex:
                yield o.RenameIndex(table, old_by[on], item)
            else:
                yield o.RenameConstraint(table, on, item.name, item.span)
        else:
            yield drop(table, old_by[on])
    for nn in new_only:
        if nn not in renamed.values():
            yield add(table, new_by[nn])


def _renames(old_by, new_by, old_only, new_only) -> dict[str, str]:
    renamed: dict[str, str] = {}
    for nn in new_only:
        if nn in old_by:
            continue
        for on in old_only:
            if on not in new_by and on not in renamed and replace(old_by[on], name=nn) == new_by[nn]:
                renamed[on] = nn
                break
    return renamed


def compare_primary_key(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    old = (pt.primary_key,) if pt.primary_key else ()
    new = (nt.primary_key,) if nt.primary_key else ()
    yield from _compare_named(nt.name, old, new, o.AddPrimaryKey, o.DropPrimaryKey)


def compare_foreign_keys(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    yield from _compare_named(nt.name, pt.foreign_keys, nt.foreign_keys, o.AddForeignKey, o.DropForeignKey)


def compare_uniques(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    yield from _compare_named(nt.name, pt.uniques, nt.uniques, o.AddUnique, o.DropUnique)


def compare_checks(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    yield from _compare_named(nt.name, pt.checks, nt.checks, o.AddCheck, o.DropCheck)


def compare_indexes(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    yield from _compare_named(nt.name, pt.indexes, nt.indexes, o.CreateIndex, o.DropIndex)
