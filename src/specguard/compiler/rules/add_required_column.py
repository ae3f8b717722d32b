"""A NOT NULL column without a default was added to an existing table.

## What it does
Flags a new column that is required (not `nullable`) and has no `default`, on a table that already
exists. The migration would run `ALTER TABLE ... ADD COLUMN ... NOT NULL` with nothing to fill the
rows already there. Columns of a table created in the same change are not flagged: that table is
empty.

## Why it matters
On any table that holds a row, PostgreSQL refuses the statement
(`column "locale" of relation "User" contains null values`): the migration fails when it is
deployed, not when it is reviewed. On an empty table it succeeds, but every deployed client that
inserts rows without the new column fails from then on.

## Example
```yaml
# specs/models/user.yaml, a column added to an existing model
  locale:      {type: text}
```
```console
$ specguard compile --name add_locale
specs/models/user.yaml:9:3: error[SG307] required column User.locale has no default: existing rows would have no value (incompatible)
  |
9 |   locale:      {type: text}
  |   ^^^^^^
  = hint: add a `default`, or make it `nullable: true`, backfill, then make it required; accept it with --accept SG307:User.locale --reason TEXT if it is intended
```

## Use instead
Give the column a default that is not volatile. PostgreSQL 11 and newer store it in the catalog
without touching the rows, so the column is added at once
(`ADD COLUMN IF NOT EXISTS "locale" text NOT NULL DEFAULT 'en'`):
```yaml
  locale:      {type: text, default: en}
```
Without a sensible default, add the column `nullable: true`, fill it, and make it required in a
later change. That change is reviewed as column-made-required, which you accept once no row holds
NULL; specguard then sets `NOT NULL` behind a validated check, without a long lock.
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
