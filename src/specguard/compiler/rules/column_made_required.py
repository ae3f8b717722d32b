"""column-made-required (SG308): an existing nullable column made NOT NULL without a default.

What it does: flags a column of an existing table that goes from nullable to required while the
specs give it no default.
Why it matters: every row that holds NULL there makes the migration's validation step fail, and
running clients that still write NULL (or omit the column) fail every insert afterwards. With a
default, specguard backfills the NULLs with it before validating, so only the no-default case is
flagged.
Example: ``displayName: {type: text, nullable: true}`` becomes ``displayName: {type: text}``.
Use instead: give the column a default (old NULLs are backfilled with it), or backfill the NULLs
yourself in a released step, then accept this finding.
"""

from __future__ import annotations

from typing import Iterator

from specguard.diagnostics.codes import diag
from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic

CODE = "SG308"


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.SetNotNull) or not ctx.is_existing_table(change.table):
        return
    if change.column.default is None:
        yield diag(
            CODE,
            f"column {change.target} becomes required without a default: rows holding NULL would fail the migration",
            change.span,
            target=change.target,
            hint="give it a `default` (existing NULLs are backfilled with it), or backfill the NULLs first and accept this",
        )
