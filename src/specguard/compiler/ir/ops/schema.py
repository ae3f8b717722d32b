"""Change operations on the database schema: enums, tables, columns, constraints and indexes.

Every operation is a frozen dataclass carrying the IR objects that emit needs (old and new where
both exist), a stable ``target`` (the name a user writes in ``--accept CODE:TARGET``) and the
``span`` of the new object, else the old one, for diagnostics. Table-scoped operations carry the
table's name in the *new* catalog: renames come first in every migration, so later statements
always see new names.
"""

from __future__ import annotations

from dataclasses import dataclass

from specguard.compiler.ir.catalog import (
    Check,
    Column,
    Enum,
    ForeignKey,
    Index,
    PrimaryKey,
    Table,
    Unique,
)
from specguard.compiler.ir.ops.base import Op
from specguard.diagnostics import Span

# --- enums ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreateEnum(Op):
    enum: Enum

    target = property(lambda self: self.enum.name)
    span = property(lambda self: self.enum.span)


@dataclass(frozen=True)
class DropEnum(Op):
    enum: Enum

    target = property(lambda self: self.enum.name)
    span = property(lambda self: self.enum.span)


@dataclass(frozen=True)
class RenameEnum(Op):
    old: Enum
    new: Enum

    target = property(lambda self: self.new.name)
    span = property(lambda self: self.new.span)

    def describe(self) -> str:
        return f"rename enum {self.old.name} to {self.new.name}"


@dataclass(frozen=True)
class AddEnumValue(Op):
    """``ALTER TYPE .. ADD VALUE``; exactly one of ``after``/``before`` places it in the order."""

    enum: Enum  # the new enum
    value: str
    after: str | None = None
    before: str | None = None

    target = property(lambda self: f"{self.enum.name}.{self.value}")
    span = property(lambda self: self.enum.span)


@dataclass(frozen=True)
class RecreateEnum(Op):
    """Values removed or reordered: PostgreSQL cannot do that in place, so the type is rebuilt.

    ``columns`` are the existing columns (table name, new column) converted to the rebuilt type.
    """

    old: Enum
    new: Enum
    columns: tuple[tuple[str, Column], ...] = ()

    target = property(lambda self: self.new.name)
    span = property(lambda self: self.new.span)

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(v for v in self.old.values if v not in self.new.values)

    def describe(self) -> str:
        return f"rebuild enum {self.new.name} (values removed or reordered)"


# --- tables --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreateTable(Op):
    """A new table with its columns, primary key, uniques and checks (FKs and indexes are ops)."""

    table: Table

    target = property(lambda self: self.table.name)
    span = property(lambda self: self.table.span)


@dataclass(frozen=True)
class DropTable(Op):
    table: Table  # the old table

    target = property(lambda self: self.table.name)
    span = property(lambda self: self.table.span)


@dataclass(frozen=True)
class RenameTable(Op):
    old: Table
    new: Table

    target = property(lambda self: self.new.name)
    span = property(lambda self: self.new.span)

    def describe(self) -> str:
        return f"rename table {self.old.name} to {self.new.name}"


# --- columns -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ColumnOp(Op):
    table: str
    column: Column

    target = property(lambda self: f"{self.table}.{self.column.name}")
    span = property(lambda self: self.column.span)


@dataclass(frozen=True)
class AddColumn(_ColumnOp):
    pass


@dataclass(frozen=True)
class DropColumn(_ColumnOp):
    """``column`` is the old column: its ``deprecated`` decides between SG301 and SG302."""


@dataclass(frozen=True)
class SetNotNull(_ColumnOp):
    pass


@dataclass(frozen=True)
class DropNotNull(_ColumnOp):
    pass


@dataclass(frozen=True)
class SetDefault(_ColumnOp):
    pass


@dataclass(frozen=True)
class DropDefault(_ColumnOp):
    pass


@dataclass(frozen=True)
class RenameColumn(Op):
    table: str
    old: Column
    new: Column

    target = property(lambda self: f"{self.table}.{self.new.name}")
    span = property(lambda self: self.new.span)

    def describe(self) -> str:
        return f"rename column {self.table}.{self.old.name} to {self.new.name}"


@dataclass(frozen=True)
class AlterColumnType(Op):
    table: str
    old: Column  # carries the old type and old default
    new: Column

    target = property(lambda self: f"{self.table}.{self.new.name}")
    span = property(lambda self: self.new.span)

    def describe(self) -> str:
        return f"alter column type {self.target} from {self.old.type} to {self.new.type}"


# --- constraints and indexes ---------------------------------------------------------------------

# Foreign keys (table, key) that this change keeps but that lean on a unique index it removes:
# PostgreSQL ties a foreign key to the unique index it found when the key was added, and refuses to
# drop that index while the key exists, so they are dropped and re-added around the removal.
Dependents = tuple[tuple[str, ForeignKey], ...]


@dataclass(frozen=True)
class _ConstraintOp(Op):
    table: str

    @property
    def obj(self):
        return getattr(self, _OBJ_FIELD[type(self).__name__])

    target = property(lambda self: f"{self.table}.{self.obj.name}")
    span = property(lambda self: self.obj.span)


@dataclass(frozen=True)
class AddPrimaryKey(_ConstraintOp):
    primary_key: PrimaryKey


@dataclass(frozen=True)
class DropPrimaryKey(_ConstraintOp):
    primary_key: PrimaryKey
    dependents: Dependents = ()


@dataclass(frozen=True)
class AddForeignKey(_ConstraintOp):
    foreign_key: ForeignKey


@dataclass(frozen=True)
class DropForeignKey(_ConstraintOp):
    foreign_key: ForeignKey


@dataclass(frozen=True)
class AddUnique(_ConstraintOp):
    unique: Unique


@dataclass(frozen=True)
class DropUnique(_ConstraintOp):
    unique: Unique
    dependents: Dependents = ()


@dataclass(frozen=True)
class AddCheck(_ConstraintOp):
    check: Check


@dataclass(frozen=True)
class DropCheck(_ConstraintOp):
    check: Check


@dataclass(frozen=True)
class CreateIndex(_ConstraintOp):
    index: Index


@dataclass(frozen=True)
class DropIndex(_ConstraintOp):
    index: Index
    dependents: Dependents = ()


_OBJ_FIELD = {
    "AddPrimaryKey": "primary_key",
    "DropPrimaryKey": "primary_key",
    "AddForeignKey": "foreign_key",
    "DropForeignKey": "foreign_key",
    "AddUnique": "unique",
    "DropUnique": "unique",
    "AddCheck": "check",
    "DropCheck": "check",
    "CreateIndex": "index",
    "DropIndex": "index",
}


# --- redefinitions: the same name, a new definition, on an existing table -------------------------


@dataclass(frozen=True)
class _Redefine(Op):
    table: str
    old: object
    new: object

    target = property(lambda self: f"{self.table}.{self.new.name}")
    span = property(lambda self: self.new.span)


@dataclass(frozen=True)
class ChangePrimaryKey(_Redefine):
    """The primary key of an existing table covers other columns (its name may change too). The new key
    index is built CONCURRENTLY beside the old key and swapped in, so the table always has a key."""

    old: PrimaryKey
    new: PrimaryKey
    dependents: Dependents = ()

    def describe(self) -> str:
        return f"change primary key {self.target} from ({', '.join(self.old.columns)}) to ({', '.join(self.new.columns)})"


@dataclass(frozen=True)
class ChangeIndex(_Redefine):
    """An index redefined under the same name (made unique, other columns, method or predicate): the new
    one is built under a temporary name and renamed once the old one is gone."""

    old: Index
    new: Index
    dependents: Dependents = ()

    def describe(self) -> str:
        what = "make index {} unique" if self.new.unique and not self.old.unique else "redefine index {}"
        return what.format(self.target)


@dataclass(frozen=True)
class ChangeForeignKey(_Redefine):
    """A foreign key redefined under the same name (``on_delete``, columns or target): dropped and added
    again ``NOT VALID`` in one transaction, validated later."""

    old: ForeignKey
    new: ForeignKey

    def describe(self) -> str:
        if (self.old.columns, self.old.ref_table, self.old.ref_columns) == (self.new.columns, self.new.ref_table,
                                                                            self.new.ref_columns):
            return f"change foreign key {self.target} on delete {self.old.on_delete} -> {self.new.on_delete}"
        return f"redefine foreign key {self.target}"


@dataclass(frozen=True)
class RenameIndex(Op):
    """An index whose definition is unchanged but whose name is (e.g. after a table rename)."""

    table: str
    old: Index
    new: Index

    target = property(lambda self: f"{self.table}.{self.new.name}")
    span = property(lambda self: self.new.span)

    def describe(self) -> str:
        return f"rename index {self.old.name} to {self.new.name}"


@dataclass(frozen=True)
class RenameConstraint(Op):
    """A primary key, foreign key, unique or check whose only change is its name."""

    table: str
    old_name: str
    new_name: str
    new_span: Span | None = None

    target = property(lambda self: f"{self.table}.{self.new_name}")
    span = property(lambda self: self.new_span)

    def describe(self) -> str:
        return f"rename constraint {self.table}.{self.old_name} to {self.new_name}"

