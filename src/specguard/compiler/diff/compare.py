"""``diff(old, new)``: compare two IR catalogs into typed change operations.

Renames are resolved first: a table, column or enum whose ``renamed_from`` names an object that
exists in ``old`` and not in ``new`` is the same object under a new name. The old catalog is then
*projected* into new names (columns, enum types, FK targets renamed), so each comparator compares
like with like by name. Comparators are small functions registered per object kind (Alembic's
autogenerate comparators are the model) and walk names in sorted order, so the result is
deterministic. The order of the returned list is not the execution order: emit.plan decides that.

Configs and cache policies are not compared here; they produce no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator

from specguard.compiler.ir.catalog import Catalog, Column, ColumnType, Enum, Table
from specguard.compiler.ir import ops as o


@dataclass
class DiffContext:
    old: Catalog
    new: Catalog
    enum_renames: dict[str, str] = field(default_factory=dict)  # old name -> new name
    table_renames: dict[str, str] = field(default_factory=dict)
    column_renames: dict[str, dict[str, str]] = field(default_factory=dict)  # new table -> old col -> new col
    projected: dict[str, Table] = field(default_factory=dict)  # new table name -> old table in new names

    def old_table(self, new_name: str) -> Table | None:
        """The old table (in old names) that ``new_name`` continues, if any."""
        inverse = {v: k for k, v in self.table_renames.items()}
        return self.old.table(inverse.get(new_name, new_name))


Comparator = Callable[[DiffContext], Iterable[o.Op]]
CATALOG_COMPARATORS: list[Comparator] = []
TABLE_COMPARATORS: list[Callable[[DiffContext, Table, Table], Iterable[o.Op]]] = []


def comparator(fn):
    CATALOG_COMPARATORS.append(fn)
    return fn


def table_comparator(fn):
    TABLE_COMPARATORS.append(fn)
    return fn


def diff(old: Catalog, new: Catalog) -> list[o.Op]:
    """The operations that turn ``old`` into ``new``; empty when they declare the same schema."""
    ctx = DiffContext(old, new)
    _resolve_renames(ctx)
    out: list[o.Op] = []
    for fn in CATALOG_COMPARATORS:
        out.extend(fn(ctx))
    return out


# --- renames and projection ----------------------------------------------------------------------


def _renamed(new_objs, old_names: set[str], new_names: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for obj in sorted(new_objs, key=lambda x: x.name):
        src = obj.renamed_from
        if src and src in old_names and src not in new_names and obj.name not in old_names and src not in found:
            found[src] = obj.name
    return found


def _resolve_renames(ctx: DiffContext) -> None:
    old, new = ctx.old, ctx.new
    ctx.enum_renames = _renamed(new.enums, {e.name for e in old.enums}, {e.name for e in new.enums})
    ctx.table_renames = _renamed(new.tables, {t.name for t in old.tables}, {t.name for t in new.tables})
    for nt in new.tables:
        ot = ctx.old_table(nt.name)
        if ot is not None:
            ctx.column_renames[nt.name] = _renamed(nt.columns, set(ot.column_names), set(nt.column_names))
    for nt in new.tables:
        ot = ctx.old_table(nt.name)
        if ot is not None:
            ctx.projected[nt.name] = _project(ctx, ot, nt.name)


def _project_type(ctx: DiffContext, t: ColumnType) -> ColumnType:
    if t.enum and t.base in ctx.enum_renames:
        return replace(t, base=ctx.enum_renames[t.base])
    return t


def _project(ctx: DiffContext, t: Table, new_name: str) -> Table:
    cols = ctx.column_renames.get(new_name, {})

    def c(names):
        return tuple(cols.get(n, n) for n in names)

    def ref_cols(ref_table_old: str, names):
        ref_new = ctx.table_renames.get(ref_table_old, ref_table_old)
        rc = ctx.column_renames.get(ref_new, {})
        return ref_new, tuple(rc.get(n, n) for n in names)

    fks = []
    for fk in t.foreign_keys:
        ref_new, rcols = ref_cols(fk.ref_table, fk.ref_columns)
        fks.append(replace(fk, columns=c(fk.columns), ref_table=ref_new, ref_columns=rcols))
    return replace(
        t,
        name=new_name,
        columns=tuple(replace(col, name=cols.get(col.name, col.name), type=_project_type(ctx, col.type)) for col in t.columns),
        primary_key=replace(t.primary_key, columns=c(t.primary_key.columns)) if t.primary_key else None,
        foreign_keys=tuple(fks),
        uniques=tuple(replace(u, columns=c(u.columns)) for u in t.uniques),
        indexes=tuple(replace(i, columns=c(i.columns)) for i in t.indexes),
    )


# --- enums ---------------------------------------------------------------------------------------


@comparator
def compare_enums(ctx: DiffContext) -> Iterator[o.Op]:
    old_by_new = {ctx.enum_renames.get(e.name, e.name): e for e in ctx.old.enums}
    new_by_name = {e.name: e for e in ctx.new.enums}
    for name in sorted(old_by_new.keys() | new_by_name.keys()):
        oe, ne = old_by_new.get(name), new_by_name.get(name)
        if ne is None:
            yield o.DropEnum(oe)
        elif oe is None:
            yield o.CreateEnum(ne)
        else:
            if oe.name != ne.name:
                yield o.RenameEnum(oe, ne)
            yield from _compare_enum_values(ctx, oe, ne)


def _compare_enum_values(ctx: DiffContext, oe: Enum, ne: Enum) -> Iterator[o.Op]:
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


def _enum_columns(ctx: DiffContext, enum_name: str) -> tuple[tuple[str, o.Column], ...]:
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


# --- tables --------------------------------------------------------------------------------------


@comparator
def compare_tables(ctx: DiffContext) -> Iterator[o.Op]:
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
            yield o.CreateTable(nt)
            # FKs may point at tables created later, and indexes are statements of their own
            for fk in nt.foreign_keys:
                yield o.AddForeignKey(name, fk)
            for ix in nt.indexes:
                yield o.CreateIndex(name, ix)
            continue
        ot = ctx.old_table(name)
        if ot.name != name:
            yield o.RenameTable(ot, nt)
        for fn in TABLE_COMPARATORS:
            yield from fn(ctx, pt, nt)


@table_comparator
def compare_columns(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
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
            yield o.DropColumn(nt.name, ot.column(_old_col_name(ctx, nt.name, pc.name)) or pc)


def _old_col_name(ctx: DiffContext, table: str, name: str) -> str:
    inverse = {v: k for k, v in ctx.column_renames.get(table, {}).items()}
    return inverse.get(name, name)


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


def _compare_named(table: str, old_items, new_items, add, drop) -> Iterator[o.Op]:
    """Same name and same content: nothing. Same content under a new name: rename. Else drop+add."""
    old_by, new_by = {x.name: x for x in old_items}, {x.name: x for x in new_items}
    old_only = sorted(n for n in old_by if n not in new_by or old_by[n] != new_by[n])
    new_only = sorted(n for n in new_by if n not in old_by or old_by[n] != new_by[n])
    renamed: dict[str, str] = {}
    for nn in new_only:
        if nn in old_by:
            continue
        for on in old_only:
            if on not in new_by and on not in renamed and replace(old_by[on], name=nn) == new_by[nn]:
                renamed[on] = nn
                break
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


@table_comparator
def compare_primary_key(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    old = (pt.primary_key,) if pt.primary_key else ()
    new = (nt.primary_key,) if nt.primary_key else ()
    yield from _compare_named(nt.name, old, new, o.AddPrimaryKey, o.DropPrimaryKey)


@table_comparator
def compare_foreign_keys(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    yield from _compare_named(nt.name, pt.foreign_keys, nt.foreign_keys, o.AddForeignKey, o.DropForeignKey)


@table_comparator
def compare_uniques(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    yield from _compare_named(nt.name, pt.uniques, nt.uniques, o.AddUnique, o.DropUnique)


@table_comparator
def compare_checks(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    yield from _compare_named(nt.name, pt.checks, nt.checks, o.AddCheck, o.DropCheck)


@table_comparator
def compare_indexes(ctx: DiffContext, pt: Table, nt: Table) -> Iterator[o.Op]:
    yield from _compare_named(nt.name, pt.indexes, nt.indexes, o.CreateIndex, o.DropIndex)
