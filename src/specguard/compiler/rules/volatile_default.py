"""A new column on an existing table has a volatile default: a migration of its own fills its rows.

## What it does
Warns about a column added to an existing table with a default that calls a volatile function
(`gen_random_uuid()`, `clock_timestamp()`, `random()`). Added with that default, the column would
make PostgreSQL compute a value for every existing row and rewrite the table under an ACCESS
EXCLUSIVE lock, so the planner never writes that. It splits the change instead:
1. the main migration adds the column bare (nullable, no default), then sets the default, which
   applies to new rows only;
2. the `<name>_backfill_<table>_<column>` migration is one `DO` block that walks the table in
   primary-key order and fills the rows still NULL, 1,000 at a time, committing after each batch
   (each batch has its own 5 s lock timeout and 60 s statement timeout). Stopped half-way, it keeps
   what it committed, and running it again finishes the rest;
3. for a required column, a `NOT VALID` check added in the main migration is validated in the
   `<name>_validate` migration, followed by `SET NOT NULL`.

```sql
-- <timestamp>_add_public_id
ALTER TABLE "Companion" ADD COLUMN IF NOT EXISTS "publicId" uuid;
ALTER TABLE "Companion" ALTER COLUMN "publicId" SET DEFAULT gen_random_uuid();
ALTER TABLE "Companion" ADD CONSTRAINT "Companion_publicId_not_null_check" CHECK ("publicId" IS NOT NULL) NOT VALID;
-- <timestamp>_add_public_id_backfill_Companion_publicId
DO $specguard$ ... UPDATE "Companion" SET "publicId" = gen_random_uuid() WHERE <this batch> AND ("publicId" IS NULL); ... COMMIT; ... $specguard$;
-- <timestamp>_add_public_id_validate
ALTER TABLE "Companion" VALIDATE CONSTRAINT "Companion_publicId_not_null_check";
ALTER TABLE "Companion" ALTER COLUMN "publicId" SET NOT NULL;
ALTER TABLE "Companion" DROP CONSTRAINT IF EXISTS "Companion_publicId_not_null_check";
```

## Why it matters
No statement rewrites the table or holds a lock for long, but the backfill still writes every row:
its time grows with the table, the deploy waits for it (the migrations after it run only once it is
done), and it leaves a dead row version behind for each row, which vacuum must clean up and
replicas must replay. Until the backfill has reached a row, that row reads NULL in the new column,
even when the spec makes it required.

## Example
```yaml
# specs/models/companion.yaml, a column added to an existing model
  publicId:          {type: uuid, default: {sql: gen_random_uuid()}}
```
```console
$ specguard compile --name add_public_id
specs/models/companion.yaml:9:3: warning[SG401] column Companion.publicId has the volatile default gen_random_uuid(): existing rows are filled in committed batches by a migration of their own (locking)
  |
9 |   publicId:          {type: uuid, default: {sql: gen_random_uuid()}}
  |   ^^^^^^^^
  = hint: on a large table the deploy waits for the backfill, and old rows read NULL until it reaches them; to fill them before the deploy, add the column `nullable: true` without the default first
```

## Use instead
On a small or medium table, nothing: the generated migrations are safe as they are. When the deploy
must not wait for a long backfill, split the change in two releases. First add the column nullable
and without a default, which only changes the catalog:
```yaml
  publicId:          {type: uuid, nullable: true}
```
Fill the existing rows outside the deploy, in batches. Then give the column its default and make it
required:
```yaml
  publicId:          {type: uuid, default: {sql: gen_random_uuid()}}
```
The planner then sets the default, backfills only the rows still NULL (none, by then) and sets
`NOT NULL` behind a validated check. Where one value for every existing row will do, a non-volatile
default avoids all of this: `now()` is STABLE, so PostgreSQL computes it once and stores it in the
catalog.
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
            "filled in committed batches by a migration of their own",
            change.span,
            target=change.target,
            hint="on a large table the deploy waits for the backfill, and old rows read NULL until it reaches "
            "them; to fill them before the deploy, add the column `nullable: true` without the default first",
        )
