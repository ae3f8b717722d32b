"""column-type-narrowed (SG303): a column type change that may fail or lose values.

What it does: flags ``ALTER COLUMN .. TYPE`` when some old value may not convert to the new type, or
converts with another meaning: narrowing (``varchar(100)`` to ``varchar(10)``, ``bigint`` to
``integer``), text to a number or an enum, ``timestamp`` to ``timestamptz`` (reinterpreted in the
session time zone), arrays to scalars.
Why it matters: the migration fails halfway on the first value that does not fit, after holding an
ACCESS EXCLUSIVE lock while it rewrote the table; running clients may write values the new type refuses.
Example: ``tokensBurned: {type: integer}`` when it was ``bigint``.
Use instead: add a new column of the new type, backfill, switch readers, deprecate the old column.
"""

from __future__ import annotations

from typing import Iterator

from specguard.diagnostics.codes import diag
from specguard.compiler.ir import ops as o
from specguard.compiler.diff.typechange import TypeChange, classify_type_change
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic

CODE = "SG303"


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.AlterColumnType):
        return
    if classify_type_change(change.old.type, change.new.type) is TypeChange.INCOMPATIBLE:
        yield diag(
            CODE,
            f"column {change.target} changes type from {change.old.type} to {change.new.type}, "
            "which may fail or change values",
            change.span,
            target=change.target,
            hint="add a new column with the new type, backfill it, then deprecate the old one",
        )
