"""The diff's shortcuts for equal tables give the operations that comparing every table gives.

Without any rename the old tables are not projected (the projection would copy them field for
field), and a table equal in both catalogs is not handed to the table comparators. The reference
here projects every table and runs every comparator on each, as the diff did before the shortcuts.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from specguard.compiler.diff import COMPARATORS, diff, tables
from specguard.compiler.diff.context import DiffContext, _project
from specguard.compiler.ir import catalog as ir
from specguard.compiler.ir import ops as o

from .strategies import full_catalogs
from .test_diff_complete import _edited


def _reference(old: ir.Catalog, new: ir.Catalog) -> list[o.Op]:
    if old == new:
        return []
    ctx = DiffContext.build(old, new)
    ctx.projected = {nt.name: _project(ctx, ctx.old_table(nt.name), nt.name)
                     for nt in new.tables if ctx.old_table(nt.name) is not None}
    out: list[o.Op] = []
    for fn in COMPARATORS:
        out += _every_table(ctx) if fn is tables.compare else list(fn(ctx))
    return out


def _every_table(ctx: DiffContext) -> list[o.Op]:
    renamed_old = set(ctx.table_renames)
    new_by_name = {t.name: t for t in ctx.new.tables}
    gone = [t for t in ctx.old.tables if t.name not in new_by_name and t.name not in renamed_old]
    out: list[o.Op] = []
    for name in sorted(new_by_name.keys() | {t.name for t in gone}):
        nt, pt = new_by_name.get(name), ctx.projected.get(name)
        if nt is None:
            out.append(o.DropTable(ctx.old.table(name)))
        elif pt is None:
            out += list(tables._created(nt))
        else:
            if ctx.old_table(name).name != name:
                out.append(o.RenameTable(ctx.old_table(name), nt))
            for fn in tables.TABLE_COMPARATORS:
                out += list(fn(ctx, pt, nt))
    return out


@st.composite
def _renaming(draw, c: ir.Catalog) -> ir.Catalog:
    """``c`` with a table, or a column of one, renamed and marked ``renamed_from``."""
    if not c.tables:
        return c
    t = draw(st.sampled_from(c.tables))
    if draw(st.booleans()) and f"{t.name}X" not in {x.name for x in c.tables}:
        new = replace(t, name=f"{t.name}X", renamed_from=t.name)
    else:
        col = draw(st.sampled_from(t.columns))
        new = replace(t, columns=tuple(replace(x, name=f"{x.name}X", renamed_from=x.name) if x is col else x
                                       for x in t.columns))
    return replace(c, tables=tuple(sorted((new if x is t else x for x in c.tables), key=lambda x: x.name)))


@given(full_catalogs(), st.data())
def test_the_shortcuts_change_no_operation(a, data):
    b = data.draw(_edited(a))
    if data.draw(st.booleans()):
        b = data.draw(_renaming(b))
    assert diff(a, b) == _reference(a, b)
    assert diff(b, a) == _reference(b, a)


@given(full_catalogs(), full_catalogs())
def test_unrelated_catalogs_too(a, b):
    assert diff(a, b) == _reference(a, b)
