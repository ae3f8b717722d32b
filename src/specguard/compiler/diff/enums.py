"""Enums: created, dropped, renamed, values appended in place, or the type rebuilt."""

from __future__ import annotations

from collections.abc import Iterator

from specguard.compiler.diff.context import DiffContext, paired
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import Column, Enum


def compare(ctx: DiffContext) -> Iterator[o.Op]:
    old_by_new = {ctx.enum_renames.get(e.name, e.name): e for e in ctx.old.enums}
    for _, oe, ne in paired(old_by_new, {e.name: e for e in ctx.new.enums}):
        if ne is None:
            yield o.DropEnum(oe)
        elif oe is None:
            yield o.CreateEnum(ne)
        else:
            if oe.name != ne.name:
                yield o.RenameEnum(oe, ne)
            yield from _compare_values(ctx, oe, ne)


def _compare_values(ctx: DiffContext, oe: Enum, ne: Enum) -> Iterator[o.Op]:
    if oe.values == ne.values:
        return
    kept = tuple(v for v in ne.values if v in oe.values)
    if kept != oe.values:  # a value removed, or the old values reordered
        yield o.RecreateEnum(oe, ne, _enum_columns(ctx, ne.name))
        return
    for i, v in enumerate(ne.values):
        if v not in oe.values:
            # place after the preceding value (already present when this runs); a leading value goes
            # before the first old one, since the values between them are added after it
            if i > 0:
                yield o.AddEnumValue(ne, v, after=ne.values[i - 1])
            else:
                yield o.AddEnumValue(ne, v, before=next(x for x in ne.values if x in oe.values))


def _enum_columns(ctx: DiffContext, enum_name: str) -> tuple[tuple[str, Column], ...]:
    """Existing columns that held the enum in old and must be converted when it is rebuilt."""
    found = []
    for nt in ctx.new.tables:
        pt = ctx.projected.get(nt.name)
        if pt is None:
            continue
        for nc in nt.columns:
            pc = pt.column(nc.name)
            if pc is not None and pc.type.enum and pc.type.base == enum_name:
                found.append((nt.name, nc))
    return tuple(found)
