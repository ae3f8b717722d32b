"""Columns of a table in both catalogs: added, dropped, renamed, retyped, nullability, defaults, and
what specguard alone records about a column (its config, its deprecation, the declared order)."""

from __future__ import annotations

from collections.abc import Iterator

from specguard.compiler.diff.context import DiffContext
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import Column, Table


def compare(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    renames = {v: k for k, v in ctx.column_renames.get(nt.name, {}).items()}  # new -> old
    ot = ctx.old_table(nt.name)
    for nc in nt.columns:  # declaration order, so added columns land in the order the spec gives
        pc = pt.column(nc.name)
        if pc is None:
            yield o.AddColumn(nt.name, nc)
            continue
        if nc.name in renames:
            yield o.RenameColumn(nt.name, ot.column(renames[nc.name]), nc)
        yield from _compare_column(nt.name, pc, nc)
    for pc in pt.columns:
        if nt.column(pc.name) is None:
            yield o.DropColumn(nt.name, ot.column(ctx.old_column_name(nt.name, pc.name)) or pc)


def compare_order(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    """The columns both tables have, in a different relative order (adds and drops aside)."""
    common = set(pt.column_names) & set(nt.column_names)
    if [c for c in pt.column_names if c in common] != [c for c in nt.column_names if c in common]:
        yield o.ReorderColumns(pt, nt)


def _compare_column(table: str, pc: Column, nc: Column) -> Iterator[o.Op]:
    type_changed = pc.type != nc.type
    if type_changed:
        yield o.AlterColumnType(table, pc, nc)
    if pc.nullable and not nc.nullable:
        yield o.SetNotNull(table, nc)
    elif nc.nullable and not pc.nullable:
        yield o.DropNotNull(table, nc)
    # a type change drops the old default first (it may not cast), so re-set it afterwards
    if nc.default is None and pc.default is not None and not type_changed:
        yield o.DropDefault(table, nc)
    elif nc.default is not None and (nc.default != pc.default or type_changed):
        yield o.SetDefault(table, nc)
    if pc.config != nc.config or pc.config_version != nc.config_version:
        yield o.ChangeColumnConfig(table, pc, nc)
    if pc.deprecated != nc.deprecated:
        yield o.ChangeColumnDeprecation(table, pc, nc)
