"""The change rewrites the whole table under an ACCESS EXCLUSIVE lock.

## What it does
Warns about a change that makes PostgreSQL rewrite the whole table and rebuild its indexes: most
column type changes, including `integer` to `bigint`. Changes that are binary-coercible
(`varchar(n)` to a longer `varchar` or to `text`, a larger `numeric` precision at the same scale)
do not rewrite and are not flagged.

## Why it matters
The rewrite holds an ACCESS EXCLUSIVE lock: nothing can read or write the table until it is done, and
it takes time in proportion to the table's size, minutes on a large one. Queries queue up behind it
and the application stalls.

## Example
```yaml
# was: version: {type: integer, default: 1}
version: {type: bigint, default: 1}
```

## Use instead
On a large table, add a new column, backfill it in batches, and swap it in within a short transaction.
On a small table, or in a maintenance window, accept the lock.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.diff.typechange import TypeChange, classify_type_change
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG400", name="table-rewrite", severity=Severity.WARNING, category=Category.LOCKING
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.AlterColumnType):
        if classify_type_change(change.old.type, change.new.type) is TypeChange.WIDENING:
            yield RULE.diag(
                f"column {change.target} changes type from {change.old.type} to {change.new.type}: "
                f"no value is lost, but table {change.table} is rewritten under an ACCESS EXCLUSIVE lock",
                change.span,
                target=change.target,
                hint="fine on a small table; on a large one add a new column and backfill it in batches",
            )
    elif isinstance(change, o.RecreateEnum) and change.columns:
        tables = ", ".join(sorted({t for t, _ in change.columns}))
        yield RULE.diag(
            f"enum {change.target} is rebuilt: table(s) {tables} are rewritten to convert its columns",
            change.span,
            target=change.target,
            hint="append new values instead of reordering: PostgreSQL adds those in place",
        )
