"""table-rewrite (SG400): the change rewrites the whole table under an ACCESS EXCLUSIVE lock.

What it does: flags type changes that keep every value but are not binary-coercible (``integer``
to ``bigint``, ``real`` to ``double precision``, more numeric scale, an array's element type), and
the rebuild of an enum whose values were reordered or removed (every column using it is converted).
Why it matters: nothing can read or write the table until the rewrite and its index rebuilds end;
on a large table that is an outage. Type changes that narrow are SG303 instead.
Example: ``tokensBurned: {type: bigint}`` when it was ``integer``.
Use instead: on a large table, add a new column, backfill in batches, swap; on a small one, accept.
"""

from __future__ import annotations

from typing import Iterator

from specguard.diagnostics.codes import diag
from specguard.compiler.ir import ops as o
from specguard.compiler.diff.typechange import TypeChange, classify_type_change
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic

CODE = "SG400"


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.AlterColumnType):
        if classify_type_change(change.old.type, change.new.type) is TypeChange.WIDENING:
            yield diag(
                CODE,
                f"column {change.target} changes type from {change.old.type} to {change.new.type}: "
                f"no value is lost, but table {change.table} is rewritten under an ACCESS EXCLUSIVE lock",
                change.span,
                target=change.target,
                hint="fine on a small table; on a large one add a new column and backfill it in batches",
            )
    elif isinstance(change, o.RecreateEnum) and change.columns:
        tables = ", ".join(sorted({t for t, _ in change.columns}))
        yield diag(
            CODE,
            f"enum {change.target} is rebuilt: table(s) {tables} are rewritten to convert its columns",
            change.span,
            target=change.target,
            hint="append new values instead of reordering: PostgreSQL adds those in place",
        )
