"""A unique key was added over columns that already hold values: duplicates make the migration fail.

## What it does
Warns about a unique constraint, a unique index or a primary key added to an existing table, unless
every one of its columns is new in the same change and holds only NULL (added nullable, without a
default). The planner builds the unique index `CONCURRENTLY` in a migration of its own, so neither
reads nor writes wait for it, and attaches the constraint `USING INDEX` in the `<name>_validate`
migration.

## Why it matters
Whether the build succeeds depends on the data, not on the specs: two rows that share a value make
`CREATE UNIQUE INDEX CONCURRENTLY` fail in production, after the earlier migrations of the same
compile have committed, and leave an INVALID index behind. The table keeps working, but the deploy
stops half-way. From then on, writers that insert a duplicate fail too, which the previous
application version may still do.

## Example
```yaml
# specs/models/group_chat.yaml: a creator's chats get distinct names
unique:
  - [creatorId, name]
```
```console
$ specguard compile --name unique_chat_name
specs/models/group_chat.yaml:15:5: warning[SG310] unique constraint GroupChat.GroupChat_creatorId_name_key on (creatorId, name) is added to a table that holds rows: the migration fails if two rows share a value (incompatible)
   |
15 |   - [creatorId, name]
   |     ^^^^^^^^^^
   = hint: look for duplicates before the deploy and resolve them
```

## Use instead
Find the duplicates before the deploy and resolve them, and make sure every writer already avoids
them:
```sql
SELECT "userId", "name", count(*) FROM "Companion" GROUP BY 1, 2 HAVING count(*) > 1;
```
If the build fails anyway, drop the INVALID index, fix the rows and run the migrations again.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG310", name="add-unique-constraint", severity=Severity.WARNING, category=Category.INCOMPATIBLE
)

_WHAT = {o.AddUnique: "unique constraint", o.AddPrimaryKey: "primary key", o.CreateIndex: "unique index"}


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if type(change) not in _WHAT or not ctx.is_existing_table(change.table):
        return
    if isinstance(change, o.CreateIndex) and not change.index.unique:
        return
    added = ctx.added_columns(change.table)
    cols = change.obj.columns
    if all(c in added and added[c].nullable and added[c].default is None for c in cols):
        return  # only NULLs so far, and NULLs never collide
    yield RULE.diag(
        f"{_WHAT[type(change)]} {change.target} on ({', '.join(cols)}) is added to a table that holds rows: "
        "the migration fails if two rows share a value",
        change.span,
        target=change.target,
        hint="look for duplicates before the deploy and resolve them",
    )
