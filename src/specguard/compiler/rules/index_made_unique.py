"""An index was made unique, or a unique index was redefined: duplicates make the migration fail.

## What it does
Warns about an index of an existing table that keeps its name and becomes unique, or stays unique
over other columns or another predicate. The planner builds the new index `CONCURRENTLY` beside the
old one, under the name `<index>__new`, and in the `<name>_validate` migration checks that the build
succeeded, drops the old index and gives the new one its name, in one transaction. The old index
serves queries until then.

## Why it matters
Whether the build succeeds depends on the data: two rows that share the new key make it fail, in
production, after the earlier migrations of the same compile have committed. The old index stays
and the table keeps working, but the deploy stops until the duplicates are resolved. Writers that
still insert duplicates fail once the unique index is in place.

## Example
```yaml
# specs/models/group_chat.yaml; the index was not unique
indexes:
  - columns: [creatorId, createdAt]
    unique: true
```
```console
$ specguard compile --name unique_chat_index
specs/models/group_chat.yaml:15:5: warning[SG311] index GroupChat.GroupChat_creatorId_createdAt_idx becomes unique: its rebuild fails if two rows share (creatorId, createdAt) (incompatible)
   |
15 |   - columns: [creatorId, createdAt]
   |     ^^^^^^^
   = hint: look for duplicates before the deploy and resolve them; the old index serves until the swap
```

## Use instead
Find the duplicates before the deploy and resolve them:
```sql
SELECT "creatorId", "createdAt", count(*) FROM "GroupChat" GROUP BY 1, 2 HAVING count(*) > 1;
```
If the build fails anyway, the `<name>_validate` migration refuses to swap and says so: drop the
INVALID `<index>__new`, fix the rows, and run the migrations again.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG311", name="index-made-unique", severity=Severity.WARNING, category=Category.INCOMPATIBLE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.ChangeIndex) or not change.new.unique:
        return
    old, new = change.old, change.new
    if old.unique and (old.columns, old.where) == (new.columns, new.where):
        return  # the same uniqueness, built another way
    what = "becomes unique" if not old.unique else "stays unique over other columns or rows"
    yield RULE.diag(
        f"index {change.target} {what}: its rebuild fails if two rows share ({', '.join(new.columns)})",
        change.span,
        target=change.target,
        hint="look for duplicates before the deploy and resolve them; the old index serves until the swap",
    )
