"""drop-column (SG301): a deprecated column was removed; its values would be dropped.

What it does: flags the removal of a column that was marked ``deprecated`` in the compiled state.
Why it matters: ``DROP COLUMN`` loses the values; expand/contract makes it the last, deliberate step.
Example: removing ``legacyNotes`` after a release in which it was ``deprecated: "moved"``.
Use instead: nothing: this is the intended path, but the drop still needs an explicit
``--accept SG301:<Table>.<column>`` once no deployed code reads the column.
"""

from __future__ import annotations

from typing import Iterator

from specguard.diagnostics.codes import diag
from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic

CODE = "SG301"


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.DropColumn) and change.column.deprecated:
        yield diag(
            CODE,
            f"column {change.target} was removed: its values would be dropped",
            change.span,
            target=change.target,
            hint=f"accept with --accept {CODE}:{change.target} once no deployed code reads it",
        )
