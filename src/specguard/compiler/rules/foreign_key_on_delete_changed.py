"""A foreign key's `on_delete` changed: deleting a parent row now does something else to its children.

## What it does
Warns about a foreign key that keeps its name and its columns while its `on_delete` action changes
(`cascade`, `restrict`, `set_null`, `no_action`). The main migration drops the key and adds it again
with the new action `NOT VALID`, in one transaction, so no write goes unchecked; the
`<name>_validate` migration validates it under a lock that blocks neither reads nor writes.

## Why it matters
The same `DELETE` behaves differently from the moment the migration commits. From `cascade` to
`restrict`, deletes that used to clean up the children now fail; from `restrict` to `cascade`, a
delete that used to be refused now removes every child row, silently and for good. The running
application was written for the old action.

## Example
```yaml
# specs/models/message.yaml; it was on_delete: cascade
  - columns: [companionId]
    references: {model: Companion, columns: [id]}
    on_delete: restrict
```
```console
$ specguard compile --name keep_messages
specs/models/message.yaml:13:5: warning[SG314] foreign key Message.Message_companionId_fkey changes on_delete from cascade to restrict: deleting from Companion now does something else to the Message rows that reference it (incompatible)
   |
13 |   - columns: [companionId]
   |     ^^^^^^^
   = hint: change the application first, so that it no longer relies on the old action
```

## Use instead
Change the application first so that it no longer depends on the old action (delete the children
itself, or handle the refusal), then change the action.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG314", name="foreign-key-on-delete-changed", severity=Severity.WARNING,
    category=Category.INCOMPATIBLE,
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.ChangeForeignKey) or change.old.on_delete == change.new.on_delete:
        return
    yield RULE.diag(
        f"foreign key {change.target} changes on_delete from {change.old.on_delete} to {change.new.on_delete}: "
        f"deleting from {change.new.ref_table} now does something else to the {change.table} rows that reference it",
        change.span,
        target=change.target,
        hint="change the application first, so that it no longer relies on the old action",
    )
