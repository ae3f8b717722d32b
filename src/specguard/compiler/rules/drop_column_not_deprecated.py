"""drop-column-not-deprecated (SG302): a column was removed without being deprecated first.

What it does: flags the removal of a column that the compiled state does not mark ``deprecated``.
Why it matters: code that is still deployed reads and writes the column; removing it in one step
breaks those clients and loses the values. Expand/contract: deprecate (nullable, unused) in one
release, drop in a later one.
Example: deleting ``personality:`` from the Companion model in one change.
Use instead: add ``deprecated: REASON`` to the column, compile and release, then remove it.
"""

from __future__ import annotations

from typing import Iterator

from specguard.diagnostics.codes import diag
from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic

CODE = "SG302"


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.DropColumn) and not change.column.deprecated:
        yield diag(
            CODE,
            f"column {change.target} was removed without being deprecated first",
            change.span,
            target=change.target,
            hint='mark it `deprecated: "reason"` and release that first; if it was renamed, '
            f"add `renamed_from: {change.column.name}` to the new column",
        )
