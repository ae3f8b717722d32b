"""Tables: created, dropped, renamed; for a table in both catalogs, every table comparator runs.

Table comparators (columns, keys, constraints, indexes, the ``critical`` flag) compare the old table
projected into new names with the new table, in the fixed order of ``TABLE_COMPARATORS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from specguard.compiler.diff import columns, constraints
from specguard.compiler.diff.context import DiffContext
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import Table

TableComparator = Callable[[DiffContext, Table, Table], Iterable[o.Op]]


def compare_critical(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    if pt.critical != nt.critical:
        yield o.ChangeTableCritical(pt, nt)


TABLE_COMPARATORS: tuple[TableComparator, ...] = (
    columns.compare,
    columns.compare_order,
    constraints.compare_primary_key,
    constraints.compare_foreign_keys,
    constraints.compare_uniques,
    constraints.compare_checks,
    constraints.compare_indexes,
    compare_critical,
)


def compare(ctx: DiffContext) -> Iterator[o.Op]:
    renamed_old = set(ctx.table_renames)
    new_by_name = {t.name: t for t in ctx.new.tables}
    old_gone = [t for t in ctx.old.tables if t.name not in new_by_name and t.name not in renamed_old]
    for name in sorted(new_by_name.keys() | {t.name for t in old_gone}):
        nt = new_by_name.get(name)
        if nt is None:
            yield o.DropTable(ctx.old.table(name))
            continue
        pt = ctx.projected.get(name)
        if pt is None:
            yield from _created(nt)
            continue
        ot = ctx.old_table(name)
        if ot.name != name:
            yield o.RenameTable(ot, nt)
        if pt == nt and not ctx.column_renames.get(name):
            continue  # every table comparator finds nothing in equal tables (most of a large catalog)
        for fn in TABLE_COMPARATORS:
            yield from fn(ctx, pt, nt)


def _created(nt: Table) -> Iterator[o.Op]:
    yield o.CreateTable(nt)
    # FKs may point at tables created later, and indexes are statements of their own
    for fk in nt.foreign_keys:
        yield o.AddForeignKey(nt.name, fk)
    for ix in nt.indexes:
        yield o.CreateIndex(nt.name, ix)
