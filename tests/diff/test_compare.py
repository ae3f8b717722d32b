from __future__ import annotations

from dataclasses import replace

from hypothesis import given

from specguard.compiler.diff import diff
from specguard.compiler.emit.sql import plan_migrations
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import (
    Catalog,
    Column,
    ColumnType,
    Enum,
    ForeignKey,
    Index,
    PrimaryKey,
    Table,
    Unique,
)

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


def test_changed_index_is_one_change_and_a_renamed_one_is_drop_and_create():
    old = Catalog(tables=(_t("T", ["id"], indexes=(Index("i", ("id",)),)),))
    new = Catalog(tables=(_t("T", ["id"], indexes=(Index("i", ("id",), where="true"),)),))
    assert kinds(diff(old, new)) == ["ChangeIndex"]
    new = Catalog(tables=(_t("T", ["id"], indexes=(Index("j", ("id",), where="true"),)),))
    assert kinds(diff(old, new)) == ["DropIndex", "CreateIndex"]


def test_type_change_resets_default():
    from specguard.compiler.ir.catalog import Default

    old = Catalog(tables=(Table("T", (Column("n", ColumnType("integer"), default=Default("1")),)),))
    new = Catalog(tables=(Table("T", (Column("n", ColumnType("bigint"), default=Default("1")),)),))
    assert kinds(diff(old, new)) == ["AlterColumnType", "SetDefault"]


# --- redefinitions: the same name, a new definition -------------------------------------------------

FK = ForeignKey("B_aId_fkey", ("aId",), "A", ("id",), "cascade")


def _a(pk=("id",), indexes=(), uniques=()):
    return _t("A", ["id", "code"], primary_key=PrimaryKey("A_pkey", pk), indexes=indexes, uniques=uniques)


def _b(fk=FK):
    return _t("B", ["id", "aId"], primary_key=PrimaryKey("B_pkey", ("id",)), foreign_keys=(fk,) if fk else ())


def test_a_primary_key_over_other_columns_is_one_change_with_the_foreign_keys_that_lean_on_it():
    old = Catalog(tables=(_a(), _b()))
    new = Catalog(tables=(_a(pk=("code",), uniques=(Unique("A_id_key", ("id",)),)), _b()))
    ops = diff(old, new)
    assert kinds(ops) == ["ChangePrimaryKey", "AddUnique"]
    assert ops[0].old.columns == ("id",) and ops[0].new.columns == ("code",) and ops[0].dependents == (("B", FK),)


def test_a_renamed_primary_key_is_a_rename_and_a_key_without_dependents_has_none():
    old = Catalog(tables=(_a(),))
    renamed = replace(_a(), primary_key=PrimaryKey("A_key", ("id",)))
    assert kinds(diff(old, Catalog(tables=(renamed,)))) == ["RenameConstraint"]
    (op,) = diff(old, Catalog(tables=(_a(pk=("id", "code")),)))
    assert isinstance(op, o.ChangePrimaryKey) and op.dependents == ()


def test_an_index_redefined_under_its_name_is_a_change_and_a_foreign_key_redefined_too():
    ix = Index("A_code_idx", ("code",))
    old = Catalog(tables=(_a(indexes=(ix,)), _b()))
    new = Catalog(tables=(_a(indexes=(replace(ix, unique=True),)), _b(replace(FK, on_delete="restrict"))))
    ops = diff(old, new)
    assert kinds(ops) == ["ChangeIndex", "ChangeForeignKey"]
    assert ops[0].new.unique and not ops[0].old.unique and ops[0].dependents == ()
    assert ops[1].old.on_delete == "cascade" and ops[1].new.on_delete == "restrict"


def test_a_dropped_unique_index_records_the_foreign_keys_that_lean_on_it():
    uix = Index("A_code_uidx", ("code",), unique=True)
    fk = ForeignKey("B_aId_fkey", ("aId",), "A", ("code",))
    old = Catalog(tables=(_a(indexes=(uix,)), _b(fk)))
    new = Catalog(tables=(_a(uniques=(Unique("A_code_key", ("code",)),)), _b(fk)))
    drop = next(op for op in diff(old, new) if isinstance(op, o.DropIndex))
    assert drop.dependents == (("B", fk),)
    # a partial unique index never backs a foreign key: nothing leans on it
    partial = replace(uix, where='"code" <> \'\'')
    drop = next(op for op in diff(Catalog(tables=(_a(indexes=(partial,)), _b(fk))), new) if isinstance(op, o.DropIndex))
    assert drop.dependents == ()


def test_a_foreign_key_that_changes_is_not_a_dependent():
    old = Catalog(tables=(_a(), _b()))
    new = Catalog(tables=(_a(pk=("code",), uniques=(Unique("A_id_key", ("id",)),)), _b(replace(FK, on_delete="restrict"))))
    change = next(op for op in diff(old, new) if isinstance(op, o.ChangePrimaryKey))
    assert change.dependents == ()
