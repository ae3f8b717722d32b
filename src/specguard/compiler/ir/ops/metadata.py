"""Changes to what specguard records about a table, which PostgreSQL does not hold.

The ``critical`` flag, a column's ``config`` and ``deprecated`` marks and the declared column order
live in the compiled state and the generated code only: they produce no SQL, but the rules judge them
(a table that stops being critical may start being cached) and the compiled state must record them.
"""

from __future__ import annotations

from dataclasses import dataclass

from specguard.compiler.ir.catalog import Column, Table
from specguard.compiler.ir.ops.base import Op


@dataclass(frozen=True)
class ChangeTableCritical(Op):
    """``critical:`` of a model turned on or off."""

    old: Table
    new: Table
    produces_sql = False

    target = property(lambda self: self.new.name)
    span = property(lambda self: self.new.span)

    def describe(self) -> str:
        return f"mark table {self.new.name} {'critical' if self.new.critical else 'not critical'}"


@dataclass(frozen=True)
class ReorderColumns(Op):
    """The declared column order changed. PostgreSQL cannot reorder columns: the new order applies to
    tables created from now on and to generated code, never to the existing table."""

    old: Table
    new: Table
    produces_sql = False

    target = property(lambda self: self.new.name)
    span = property(lambda self: self.new.span)


@dataclass(frozen=True)
class _ColumnChange(Op):
    table: str
    old: Column
    new: Column
    produces_sql = False

    target = property(lambda self: f"{self.table}.{self.new.name}")
    span = property(lambda self: self.new.span)


@dataclass(frozen=True)
class ChangeColumnConfig(_ColumnChange):
    """The config governing a jsonb column (``config:``) was set, removed or replaced, or the place where
    its documents keep their version (``config_version:``) moved."""

    def describe(self) -> str:
        if self.old.config == self.new.config and self.new.config_version and self.old.config_version:
            return (f"keep the config version of {self.target} in {self.new.config_version.describe()} "
                    f"(was {self.old.config_version.describe()})")
        return f"change the config of {self.target} from {self.old.config or 'none'} to {self.new.config or 'none'}"


@dataclass(frozen=True)
class ChangeColumnDeprecation(_ColumnChange):
    """``deprecated:`` was set, removed or reworded (becoming nullable is a DropNotNull of its own)."""

    def describe(self) -> str:
        if self.new.deprecated and not self.old.deprecated:
            return f"deprecate column {self.target}"
        if self.old.deprecated and not self.new.deprecated:
            return f"undeprecate column {self.target}"
        return f"reword the deprecation of column {self.target}"
