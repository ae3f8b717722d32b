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

