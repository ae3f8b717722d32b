"""Changes to versioned config schemas. Targets are ``<config>@<version>``, e.g. ``personality_config@2``.

A version present in the compiled state is released: the rules refuse any change to it, and its
removal needs an acceptance. The version operations are records (no SQL): the emitters turn the
catalog's versions into validators, upgraders and schema files. ``UpgradeConfigDocuments`` is the
one that changes the database: the backfill of the documents already stored in a config column.
"""

from __future__ import annotations

from dataclasses import dataclass

from specguard.compiler.ir.catalog import Column, ConfigVersion, Table
from specguard.compiler.ir.ops.base import Op


def config_target(c: ConfigVersion) -> str:
    return f"{c.name}@{c.version}"


@dataclass(frozen=True)
class AddConfigVersion(Op):
    config: ConfigVersion
    produces_sql = False

    target = property(lambda self: config_target(self.config))
    span = property(lambda self: self.config.span)


@dataclass(frozen=True)
class RemoveConfigVersion(Op):
    config: ConfigVersion  # as released: read from the compiled state, so it has no span
    produces_sql = False

    target = property(lambda self: config_target(self.config))
    span = property(lambda self: self.config.span)


@dataclass(frozen=True)
class ChangeConfigVersion(Op):
    """A released version whose schema or upgrade steps differ from what was compiled."""

    old: ConfigVersion
    new: ConfigVersion
    produces_sql = False

    target = property(lambda self: config_target(self.new))
    span = property(lambda self: self.new.span)

    def describe(self) -> str:
        return f"edit released config version {self.target}"


@dataclass(frozen=True)
class UpgradeConfigDocuments(Op):
    """The stored documents of a config column, brought to the config's latest version by a batched
    backfill: the upgrade steps and defaults of every later version, and the new version. Emitted when
    a new version changes documents and the column held documents before this migration."""

    table: Table  # as it is after this migration (renames come first)
    column: Column
    versions: tuple[ConfigVersion, ...]  # every version of the config, in order

    target = property(lambda self: f"{self.table.name}.{self.column.name}")
    span = property(lambda self: self.column.span)

    def describe(self) -> str:
        return f"upgrade the documents of {self.target} to {self.versions[-1].name} version {self.versions[-1].version}"
