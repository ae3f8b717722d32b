"""A new column on an existing table has a volatile default: a separate migration fills its rows.

## What it does
Warns about a column added to an existing table with a default that calls a volatile function
(`gen_random_uuid()`, `clock_timestamp()`, `random()`). Added with that default, the column would
make PostgreSQL compute a value for every existing row and rewrite the table under an ACCESS
EXCLUSIVE lock, so the planner never writes that. It splits the change instead:
1. the main migration adds the column bare (nullable, no default), then sets the default, which
   applies to new rows only;
2. the `<name>_backfill` migration fills the existing rows with one `UPDATE`, under a 30 min
   statement timeout;
3. for a required column, a `NOT VALID` check added in the main migration is validated in the
   `<name>_validate` migration, followed by `SET NOT NULL`.

```sql
-- <timestamp>_add_public_id
ALTER TABLE "Companion" ADD COLUMN IF NOT EXISTS "publicId" uuid;
ALTER TABLE "Companion" ALTER COLUMN "publicId" SET DEFAULT gen_random_uuid();
ALTER TABLE "Companion" ADD CONSTRAINT "Companion_publicId_not_null_check" CHECK ("publicId" IS NOT NULL) NOT VALID;
-- <timestamp>_add_public_id_backfill
UPDATE "Companion" SET "publicId" = gen_random_uuid() WHERE "publicId" IS NULL;
-- <timestamp>_add_public_id_validate
ALTER TABLE "Companion" VALIDATE CONSTRAINT "Companion_publicId_not_null_check";
ALTER TABLE "Companion" ALTER COLUMN "publicId" SET NOT NULL;
ALTER TABLE "Companion" DROP CONSTRAINT IF EXISTS "Companion_publicId_not_null_check";
```

## Why it matters
No statement rewrites the table, but the backfill is one transaction that writes every row: it locks
each row until it commits, so updates and deletes of existing rows wait for it (reads and inserts do
not), and it leaves a dead row version behind for each row, which vacuum must clean up and replicas
must replay. On a large table it may exceed its 30 min statement timeout, and the deploy stops after
the column was added. Until the backfill commits, existing rows read NULL in the new column, even
when the spec makes it required.

## Example
```yaml
# specs/models/companion.yaml, a column added to an existing model
  publicId:          {type: uuid, default: {sql: gen_random_uuid()}}
```
```console
$ specguard compile --name add_public_id
specs/models/companion.yaml:10:3: warning[SG401] column Companion.publicId has the volatile default gen_random_uuid(): existing rows are backfilled by one UPDATE in a separate migration (locking)
   |
10 |   publicId:          {type: uuid, default: {sql: gen_random_uuid()}}
   |   ^^^^^^^^
   = hint: on a large table, add it `nullable: true` without the default first, fill it in batches, then give it the default and make it required in a later change
```

## Use instead
On a small table, nothing: the generated migrations are safe as they are. A released migration
cannot be edited (that is SG801), so on a large table split the change in two releases instead.
First add the column nullable and without a default, which only changes the catalog:
```yaml
  publicId:          {type: uuid, nullable: true}
```
Fill the existing rows in batches, each in its own short transaction, outside the migrations. Then
give the column its default and make it required:
```yaml
  publicId:          {type: uuid, default: {sql: gen_random_uuid()}}
```
That change is not flagged: the planner sets the default, backfills only the rows still NULL and
sets `NOT NULL` behind a validated check. Where one value for every existing row will do, a
non-volatile default avoids all of this: `now()` is STABLE, so PostgreSQL computes it once and
stores it in the catalog.
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
