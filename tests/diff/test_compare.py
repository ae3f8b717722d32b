from __future__ import annotations

from dataclasses import replace

from hypothesis import given

from specguard.compiler.ir.catalog import Catalog, Column, ColumnType, Enum, Index, PrimaryKey, Table
from specguard.compiler.diff import diff
from specguard.compiler.ir import ops as o
from specguard.compiler.emit.sql import plan_migrations

from .strategies import catalogs

U = ColumnType("uuid")


def kinds(ops):
    return [type(op).__name__ for op in ops]


@given(catalogs())
def test_diff_of_a_catalog_with_itself_is_empty(c):
    assert diff(c, c) == []
    assert plan_migrations(c, c, "noop") == []


@given(catalogs(), catalogs())
def test_diff_is_deterministic_and_plans_every_op(a, b):
    ops = diff(a, b)
    assert ops == diff(a, b)
    scripts = plan_migrations(a, b, "x")
    assert scripts == plan_migrations(a, b, "x")
    assert set(ops) <= {op for s in scripts for op in s.ops}


@given(catalogs())
def test_everything_is_new_from_empty(c):
    ops = diff(Catalog(), c)
    assert {op.table.name for op in ops if isinstance(op, o.CreateTable)} == {t.name for t in c.tables}
    assert not any(isinstance(op, (o.DropTable, o.DropColumn, o.DropEnum)) for op in ops)


def _t(name, cols, **kw):
    return Table(name, tuple(Column(c, U) for c in cols), **kw)


def test_table_rename_is_not_drop_and_create_and_renames_its_keys():
    old = Catalog(tables=(_t("A", ["id"], primary_key=PrimaryKey("A_pkey", ("id",)), indexes=(Index("A_id_idx", ("id",)),)),))
    new_t = _t("B", ["id"], primary_key=PrimaryKey("B_pkey", ("id",)), indexes=(Index("B_id_idx", ("id",)),))
    ops = diff(old, Catalog(tables=(replace(new_t, renamed_from="A"),)))
    assert kinds(ops) == ["RenameTable", "RenameConstraint", "RenameIndex"]
    assert ops[0].target == "B"


def test_stale_renamed_from_is_ignored():
    # the rename was compiled already: old has B, not A
    c = Catalog(tables=(replace(_t("B", ["id"]), renamed_from="A"),))
    assert diff(replace(c, tables=(_t("B", ["id"]),)), c) == []


def test_column_rename_then_content_compared():
    old = Catalog(tables=(_t("T", ["id", "a"]),))
    new_col = Column("b", ColumnType("text"), renamed_from="a")
    new = Catalog(tables=(Table("T", (Column("id", U), new_col)),))
    ops = diff(old, new)
    assert kinds(ops) == ["RenameColumn", "AlterColumnType"]
    assert ops[0].old.name == "a" and ops[0].target == "T.b"


def test_enum_rename_carries_column_types():
    old = Catalog(tables=(Table("T", (Column("r", ColumnType("E", enum=True)),)),), enums=(Enum("E", ("a",)),))
    new = Catalog(tables=(Table("T", (Column("r", ColumnType("F", enum=True)),)),), enums=(Enum("F", ("a",), renamed_from="E"),))
    assert kinds(diff(old, new)) == ["RenameEnum"]


def test_enum_values_appended_in_place_else_rebuilt():
    old = Catalog(enums=(Enum("E", ("a", "b")),))
    added = diff(old, Catalog(enums=(Enum("E", ("z", "a", "x", "b", "c")),)))
    assert [(op.value, op.after, op.before) for op in added] == [("z", None, "a"), ("x", "a", None), ("c", "b", None)]
    assert kinds(diff(old, Catalog(enums=(Enum("E", ("b", "a")),)))) == ["RecreateEnum"]
    removed = diff(old, Catalog(enums=(Enum("E", ("a",)),)))
    assert kinds(removed) == ["RecreateEnum"] and removed[0].removed == ("b",)


def test_changed_index_is_drop_and_create():
    old = Catalog(tables=(_t("T", ["id"], indexes=(Index("i", ("id",)),)),))
    new = Catalog(tables=(_t("T", ["id"], indexes=(Index("i", ("id",), where="true"),)),))
    assert kinds(diff(old, new)) == ["DropIndex", "CreateIndex"]


def test_type_change_resets_default():
    from specguard.compiler.ir.catalog import Default

    old = Catalog(tables=(Table("T", (Column("n", ColumnType("integer"), default=Default("1")),)),))
    new = Catalog(tables=(Table("T", (Column("n", ColumnType("bigint"), default=Default("1")),)),))
    assert kinds(diff(old, new)) == ["AlterColumnType", "SetDefault"]
