"""A foreign key was dropped: the database stops refusing dangling references and cascading deletes.

## What it does
Warns about a foreign key that the specs remove from a table that stays, while the table it
references stays too. The migration runs `ALTER TABLE ... DROP CONSTRAINT`. A foreign key that goes
with a dropped column or table, or that is redefined under its own name, is not flagged here.

## Why it matters
Nothing checks the reference any more: rows may point at parents that do not exist, and deleting a
parent no longer deletes, nulls or protects its children as `on_delete` said. Code that relied on
the cascade leaves orphans behind from the moment the migration commits, and adding the key back
later fails until every orphan is cleaned up.

## Example
The change deletes the foreign key from `Message.userId` to `User` in `specs/models/message.yaml`:
```yaml
  - columns: [userId]
    references: {model: User, columns: [id]}
    on_delete: cascade
```
```console
$ specguard compile --name drop_message_user_fk
specs/models/message.yaml:3:7: warning[SG313] foreign key Message.Message_userId_fkey to User is dropped: references are no longer checked and deletes no longer cascade (incompatible)
  |
3 | name: Message
  |       ^^^^^^^
  = hint: keep it while anything relies on the reference or on its on_delete
```

## Use instead
Keep the foreign key while anything relies on it. If it must go (a table moving to another
database, say), make the application delete or null the children itself first.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG313", name="drop-foreign-key", severity=Severity.WARNING, category=Category.INCOMPATIBLE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.DropForeignKey):
        return
    fk = change.foreign_key
    if set(fk.columns) & ctx.dropped_columns(change.table) or ctx.new.table(fk.ref_table) is None:
        return  # it goes with a dropped column or table, which their own rules judge
    yield RULE.diag(
        f"foreign key {change.target} to {fk.ref_table} is dropped: references are no longer checked and "
        f"deletes no longer {_action(fk.on_delete)}",
        change.span,
        target=change.target,
        hint="keep it while anything relies on the reference or on its on_delete",
    )


def _action(on_delete: str) -> str:
    return {"cascade": "cascade", "set_null": "set the reference to NULL"}.get(on_delete, "protect the children")
