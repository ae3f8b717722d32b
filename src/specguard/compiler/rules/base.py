"""What every rule gets: the change operations with both catalogs around them."""

from __future__ import annotations

from dataclasses import dataclass

from specguard.compiler.ir.catalog import Catalog
from specguard.compiler.ir import ops as o


@dataclass(frozen=True)
class RuleContext:
    old: Catalog
    new: Catalog
    ops: tuple[o.Op, ...]

    @property
    def new_tables(self) -> frozenset[str]:
        """Tables created by this change: empty, so locks and rewrites on them cost nothing."""
        return frozenset(op.table.name for op in self.ops if isinstance(op, o.CreateTable))

    def is_existing_table(self, name: str) -> bool:
        return name not in self.new_tables
