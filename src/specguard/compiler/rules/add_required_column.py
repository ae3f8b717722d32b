"""add-required-column (SG307): a NOT NULL column without a default added to an existing table.

What it does: flags ``ADD COLUMN .. NOT NULL`` without a default on a table that already exists.
Why it matters: PostgreSQL refuses it as soon as the table holds a row, and running clients that do
not know the column fail every insert.
Example: ``plan: {type: text}`` added to ``UserUsage``.
Use instead: give it a default, or add it ``nullable: true``, backfill, then make it required.
"""

from __future__ import annotations

from typing import Iterator

from specguard.diagnostics.codes import diag
from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic

CODE = "SG307"


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.AddColumn) or not ctx.is_existing_table(change.table):
        return
    col = change.column
    if not col.nullable and col.default is None:
        yield diag(
            CODE,
            f"required column {change.target} has no default: existing rows would have no value",
            change.span,
            target=change.target,
            hint="add a `default`, or make it `nullable: true`, backfill, then make it required",
        )
