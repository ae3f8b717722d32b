"""A NOT NULL column without a default added to an existing table.

## What it does
Flags a `NOT NULL` column without a default added to a model whose table already exists.

## Why it matters
PostgreSQL cannot fill the new column for the rows already there, so `ADD COLUMN ... NOT NULL` fails
on any table that is not empty ("contains null values"). Even on an empty table, every client that
inserts rows without the new column fails afterwards.

## Example
```yaml
# added to an existing User model
locale: {type: text}
```

## Use instead
Give the column a non-volatile default, which PostgreSQL 11 and newer store in the catalog without
touching the rows (`locale: {type: text, default: en}`), or add it `nullable: true`, backfill it,
and make it required in a later change.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG307", name="add-required-column", severity=Severity.ERROR, category=Category.INCOMPATIBLE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.AddColumn) or not ctx.is_existing_table(change.table):
        return
    col = change.column
    if not col.nullable and col.default is None:
        yield RULE.diag(
            f"required column {change.target} has no default: existing rows would have no value",
            change.span,
            target=change.target,
            hint="add a `default`, or make it `nullable: true`, backfill, then make it required",
        )
