"""An index or a unique constraint was dropped: queries that used it slow down, and so may writes.

## What it does
Warns about an index or a unique constraint that the specs remove from a table that stays. An index
is dropped with `DROP INDEX CONCURRENTLY` in a migration of its own, after every other step; a
unique constraint with `ALTER TABLE ... DROP CONSTRAINT`, only once any key that replaces it is in
place. An index or constraint that goes because one of its columns is dropped, or that is rebuilt
under its own name, is not flagged here.

## Why it matters
The queries that the index served fall back to other indexes or to a scan of the whole table, which
on a large table is slower by orders of magnitude: a drop that looks like a cleanup can take an
endpoint down. A unique constraint also stops refusing duplicates, and an `INSERT ... ON CONFLICT`
that names its columns fails with `there is no unique or exclusion constraint matching the ON
CONFLICT specification`.

## Example
The change deletes `- columns: [companionId, userId]` from `specs/models/message.yaml`:
```console
$ specguard compile --name drop_message_index
specs/models/message.yaml:3:7: warning[SG312] index Message.Message_companionId_userId_idx is dropped: queries that used it fall back to another index or a scan (incompatible)
  |
3 | name: Message
  |       ^^^^^^^
  = hint: make sure no query needs it (pg_stat_user_indexes.idx_scan)
```

## Use instead
Check that nothing uses the index before removing it: PostgreSQL counts its scans since the
statistics were last reset.
```sql
SELECT indexrelname, idx_scan FROM pg_stat_user_indexes WHERE relname = 'Message';
```
Keep a unique constraint as long as any writer relies on it (`ON CONFLICT`, or catching the
violation).
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG312", name="drop-index", severity=Severity.WARNING, category=Category.INCOMPATIBLE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, (o.DropIndex, o.DropUnique)):
        return
    if set(change.obj.columns) & ctx.dropped_columns(change.table):
        return  # it goes with a dropped column, which its own rules judge
    if isinstance(change, o.DropIndex):
        message = f"index {change.target} is dropped: queries that used it fall back to another index or a scan"
        hint = "make sure no query needs it (pg_stat_user_indexes.idx_scan)"
    else:
        message = (f"unique constraint {change.target} is dropped: duplicates of ({', '.join(change.obj.columns)}) "
                   "are no longer refused, and ON CONFLICT on those columns fails")
        hint = "keep it while any writer relies on it"
    yield RULE.diag(message, change.span, target=change.target, hint=hint)
