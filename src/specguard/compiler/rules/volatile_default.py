"""volatile-default (SG401): a volatile default on a new column of an existing table.

What it does: flags ``ADD COLUMN`` whose default calls a VOLATILE function (``gen_random_uuid()``,
``clock_timestamp()``, ``random()``) on a table that already exists.
Why it matters: PostgreSQL evaluates a volatile default once per existing row, rewriting the table
under an ACCESS EXCLUSIVE lock. specguard therefore adds the column without the default, sets the
default for new rows and backfills existing rows with one ``UPDATE`` in a migration of its own: no
rewrite lock, but one long transaction that locks every row of the table.
Example: ``publicId: {type: uuid, default: {sql: gen_random_uuid()}}`` added to ``Message``.
Use instead: on a large table replace the generated backfill with a batched one, or use a
non-volatile default (``now()`` is STABLE and costs nothing).
"""

from __future__ import annotations

from typing import Iterator

from specguard.diagnostics.codes import diag
from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic

CODE = "SG401"


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.AddColumn) or not ctx.is_existing_table(change.table):
        return
    default = change.column.default
    if default is not None and default.volatile:
        yield diag(
            CODE,
            f"column {change.target} has the volatile default {default.sql}: existing rows are "
            "backfilled by one UPDATE in a separate migration",
            change.span,
            target=change.target,
            hint="on a large table, replace the backfill with a batched one",
        )
