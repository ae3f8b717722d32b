"""What every comparator shares: both catalogs, the renames declared with ``renamed_from``, and the
old tables *projected* into new names.

Renames are resolved first: a table, column or enum whose ``renamed_from`` names an object that
exists in ``old`` and not in ``new`` is the same object under a new name. The old catalog is then
projected into new names (columns, enum types, FK targets renamed), so each comparator compares like
with like by name.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from specguard.compiler.ir.catalog import Catalog, ColumnType, Table


@dataclass
class DiffContext:
    old: Catalog
    new: Catalog
    enum_renames: dict[str, str] = field(default_factory=dict)  # old name -> new name
    table_renames: dict[str, str] = field(default_factory=dict)
    column_renames: dict[str, dict[str, str]] = field(default_factory=dict)  # new table -> old col -> new col
    projected: dict[str, Table] = field(default_factory=dict)  # new table name -> old table in new names
    _old_names: dict[str, str] = field(default_factory=dict)  # new table name -> old table name

    @classmethod
    def build(cls, old: Catalog, new: Catalog) -> DiffContext:
        ctx = cls(old, new)
        _resolve_renames(ctx)
        return ctx

    def old_table(self, new_name: str) -> Table | None:
        """The old table (in old names) that ``new_name`` continues, if any."""
        return self.old.table(self._old_names.get(new_name, new_name))

    def old_column_name(self, table: str, new_name: str) -> str:
        inverse = {v: k for k, v in self.column_renames.get(table, {}).items()}
        return inverse.get(new_name, new_name)


K = TypeVar("K")


def paired(old: Mapping[K, Any], new: Mapping[K, Any]) -> Iterator[tuple[K, Any, Any]]:
    """``(key, old or None, new or None)`` for every key of either side, in sorted key order: how each
    comparator tells the added, the removed and the kept apart, deterministically."""
    for key in sorted(old.keys() | new.keys()):  # type: ignore[type-var]
        yield key, old.get(key), new.get(key)


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
    ctx._old_names = {v: k for k, v in ctx.table_renames.items()}
    for nt in new.tables:
        ot = ctx.old_table(nt.name)
        if ot is not None:
            ctx.column_renames[nt.name] = _renamed(nt.columns, set(ot.column_names), set(nt.column_names))
    # without any rename the projection of a table is a copy of it, field for field: it is then the
    # old table itself, and most tables of a large catalog cost nothing here
    renames = bool(ctx.enum_renames or ctx.table_renames or any(ctx.column_renames.values()))
    for nt in new.tables:
        ot = ctx.old_table(nt.name)
        if ot is not None:
            ctx.projected[nt.name] = _project(ctx, ot, nt.name) if renames else ot


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
