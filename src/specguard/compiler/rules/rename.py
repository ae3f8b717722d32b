"""A table, column or enum rename breaks every running client that uses the old name.

## What it does
Warns about `renamed_from: OLD` on a model, a column or an enum. The migration renames in place
(`ALTER TABLE ... RENAME TO`, `ALTER TABLE ... RENAME COLUMN ... TO`, `ALTER TYPE ... RENAME TO`): a
change to the catalog only, which keeps every row, value and index. It is a warning, so `compile`
writes the migration without asking for an acceptance.

## Why it matters
The rename takes a moment, but every query, ORM model, view or report that uses the old name fails
from the moment the migration commits; for an enum, that is every query that casts to the type by
name (`'assistant'::"MessageRole"`), as ORMs and hand-written SQL do. While a release rolls out, the previous version of the
application is still running and still uses the old name, so one of the two versions is always
wrong. A rename is fine when nothing running uses the old name, for example when every client
deploys together with the migration.

## Example
```yaml
# specs/models/user.yaml; the column was displayName: {type: text, nullable: true}
  nickname:    {type: text, nullable: true, renamed_from: displayName}
```
```console
$ specguard compile --name rename_display_name
specs/models/user.yaml:8:3: warning[SG305] column User.displayName is renamed to User.nickname: running clients that use the old name break (incompatible)
  |
8 |   nickname:    {type: text, nullable: true, renamed_from: displayName}
  |   ^^^^^^^^
  = hint: if a running client may still use the old name, add the new name alongside it instead (expand/contract)
```

An enum renamed in `specs/enums/enums.yaml` (and in the columns that use it):
```yaml
kind: enum
name: ChatRole
renamed_from: MessageRole
```
```console
$ specguard compile --name rename_role
specs/enums/enums.yaml:3:7: warning[SG305] enum MessageRole is renamed to ChatRole: running clients that use the old name break (incompatible)
  |
3 | name: ChatRole
  |       ^^^^^^^^
  = hint: if a running client may still use the old name, add the new name alongside it instead (expand/contract)
```

## Use instead
When clients of the old name may still run, expand and contract: add `nickname` as a new column,
have the application write both, copy the old values over, move readers to the new column, then
deprecate `displayName` and remove it in a later release.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG305", name="rename", severity=Severity.WARNING, category=Category.INCOMPATIBLE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.RenameTable):
        what, old = "table", change.old.name
    elif isinstance(change, o.RenameEnum):
        what, old = "enum", change.old.name
    elif isinstance(change, o.RenameColumn):
        what, old = "column", f"{change.table}.{change.old.name}"
    else:
        return
    yield RULE.diag(
        f"{what} {old} is renamed to {change.target}: running clients that use the old name break",
        change.span,
        target=change.target,
        hint="if a running client may still use the old name, add the new name alongside it instead "
        "(expand/contract)",
    )
