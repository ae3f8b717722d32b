"""Keys, constraints and indexes of a table in both catalogs, matched by name.

Same name and same definition: nothing. The same definition under a new name: a rename (catalog only).
The same name with a new definition: a redefinition (``ChangePrimaryKey``, ``ChangeIndex``,
``ChangeForeignKey``), which the planner swaps in without a moment where the table lacks the key or
index; a check is dropped and added again in one transaction (a unique constraint's name follows its
columns, so it is never redefined under its name). Anything else:
the old one dropped and the new one added. A removed key or unique index records the foreign keys
that lean on it (``dependents``), which PostgreSQL would otherwise refuse to let go.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from specguard.compiler.diff.context import DiffContext
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import Table, backs_foreign_keys
from specguard.compiler.ir.ops.schema import Dependents


def _compare_named(ctx: DiffContext, table: str, old_items, new_items, add, drop, change=None) -> Iterator[o.Op]:
    old_by, new_by = {x.name: x for x in old_items}, {x.name: x for x in new_items}
    old_only = sorted(n for n in old_by if n not in new_by or old_by[n] != new_by[n])
    new_only = sorted(n for n in new_by if n not in old_by or old_by[n] != new_by[n])
    renamed = _renames(old_by, new_by, old_only, new_only)
    changed = {n for n in old_only if n in new_by} if change is not None else set()
    for on in old_only:
        if on in renamed:
            item = new_by[renamed[on]]
            if add is o.CreateIndex:
                yield o.RenameIndex(table, old_by[on], item)
            else:
                yield o.RenameConstraint(table, on, item.name, item.span)
        elif on in changed:
            yield _with_dependents(ctx, change(table, old_by[on], new_by[on]), table, old_by[on])
        else:
            yield _with_dependents(ctx, drop(table, old_by[on]), table, old_by[on])
    for nn in new_only:
        if nn not in renamed.values() and nn not in changed:
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


def _with_dependents(ctx: DiffContext, op: o.Op, table: str, old) -> o.Op:
    if not hasattr(op, "dependents") or not backs_foreign_keys(old):
        return op
    return replace(op, dependents=dependents(ctx, table, old.columns))


def dependents(ctx: DiffContext, table: str, columns: tuple[str, ...]) -> Dependents:
    """The foreign keys that exist before and after the change (under any name) and reference exactly
    ``columns`` of ``table`` (new names): those that may lean on a key or unique index over them."""
    found = []
    for nt in ctx.new.tables:
        pt = ctx.projected.get(nt.name)
        if pt is None:
            continue
        kept = {_definition(fk) for fk in pt.foreign_keys}
        for fk in nt.foreign_keys:
            if fk.ref_table == table and set(fk.ref_columns) == set(columns) and _definition(fk) in kept:
                found.append((nt.name, fk))
    return tuple(sorted(found, key=lambda d: (d[0], d[1].name)))


def _definition(fk):
    return (fk.columns, fk.ref_table, fk.ref_columns, fk.on_delete)


def compare_primary_key(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    old, new = pt.primary_key, nt.primary_key
    if old is not None and new is not None and old != new and old.columns != new.columns:
        yield o.ChangePrimaryKey(nt.name, old, new, dependents(ctx, nt.name, old.columns))
        return
    yield from _compare_named(ctx, nt.name, (old,) if old else (), (new,) if new else (),
                              o.AddPrimaryKey, o.DropPrimaryKey)


def compare_foreign_keys(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    yield from _compare_named(ctx, nt.name, pt.foreign_keys, nt.foreign_keys, o.AddForeignKey, o.DropForeignKey,
                              o.ChangeForeignKey)


def compare_uniques(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    yield from _compare_named(ctx, nt.name, pt.uniques, nt.uniques, o.AddUnique, o.DropUnique)


def compare_checks(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    yield from _compare_named(ctx, nt.name, pt.checks, nt.checks, o.AddCheck, o.DropCheck)


def compare_indexes(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    yield from _compare_named(ctx, nt.name, pt.indexes, nt.indexes, o.CreateIndex, o.DropIndex, o.ChangeIndex)
