"""A volatile default on a new column of an existing table rewrites the table.

## What it does
Warns about a new column on an existing table whose default is volatile, such as
`gen_random_uuid()`, `clock_timestamp()` or `random()`.

## Why it matters
Since PostgreSQL 11 a non-volatile default (a literal, or `now()`, which is stable) is stored once in
the catalog and the column is added instantly. A volatile default must be computed for each row, so
`ADD COLUMN` rewrites the whole table under an ACCESS EXCLUSIVE lock.

## Example
```yaml
# added to an existing Companion model
publicId: {type: uuid, default: {sql: gen_random_uuid()}}
```

## Use instead
Add the column `nullable: true` without a default, backfill it in batches
(`UPDATE "Companion" SET "publicId" = gen_random_uuid() WHERE id IN (...)`), then set the default and
make it required in a later change.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG401", name="volatile-default", severity=Severity.WARNING, category=Category.LOCKING
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.AddColumn) or not ctx.is_existing_table(change.table):
        return
    default = change.column.default
    if default is not None and default.volatile:
        yield RULE.diag(
            f"column {change.target} has the volatile default {default.sql}: existing rows are "
            "backfilled by one UPDATE in a separate migration",
            change.span,
            target=change.target,
            hint="on a large table, add it `nullable: true` without the default first, fill it in batches, "
            "then give it the default and make it required in a later change",
        )
