"""The primary key covers other columns: duplicates in the new key make the migration fail.

## What it does
Warns about an existing table whose primary key moves to other columns. The planner builds the new
key's unique index `CONCURRENTLY` beside the old key, under the name `<key>__new`; the
`<name>_validate` migration then drops the foreign keys that lean on the old key, replaces the key
in one statement (`DROP CONSTRAINT`, `ADD CONSTRAINT ... PRIMARY KEY USING INDEX`) and adds those
foreign keys back `NOT VALID`; `<name>_validate_fks` validates them. The table has a primary key
at every moment, and a failed build leaves the old one in place.

## Why it matters
Whether the build succeeds depends on the data: two rows that share the new key make it fail in
production, and the deploy stops until they are resolved. Every client that finds, updates or
deletes rows by the old key (ORMs identify rows by it, caches key on it) may now hit several rows,
or keep writing rows the new key refuses. Foreign keys that referenced the old key need another
unique key over those columns.

## Example
```yaml
# specs/models/usage.yaml; the key was `userId: {type: uuid, primary_key: true}`
  userId:        {type: uuid}
  plan:          {type: text, default: free}
...
primary_key: [userId, plan]
```
```console
$ specguard compile --name usage_by_plan
specs/models/usage.yaml:13:14: warning[SG315] the primary key of UserUsage moves from (userId) to (userId, plan): the migration fails if two rows share the new key, and clients that find rows by the old one break (incompatible)
   |
13 | primary_key: [userId, plan]
   |              ^^^^^^^
   = hint: resolve duplicates of the new key and move every client to it before the deploy
```

## Use instead
Resolve duplicates of the new key before the deploy, and move every client to the new key first.
When other tables reference the old key, keep its column unique (`unique: true`): their foreign
keys then lean on that constraint, and the swap moves them over.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG315", name="primary-key-changed", severity=Severity.WARNING, category=Category.INCOMPATIBLE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.ChangePrimaryKey):
        return
    old, new = ", ".join(change.old.columns), ", ".join(change.new.columns)
    yield RULE.diag(
        f"the primary key of {change.table} moves from ({old}) to ({new}): the migration fails if two rows "
        "share the new key, and clients that find rows by the old one break",
        change.span,
        target=change.target,
        hint="resolve duplicates of the new key and move every client to it before the deploy",
    )
