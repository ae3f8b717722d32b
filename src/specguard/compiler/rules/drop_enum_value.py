"""An enum value was removed: rows holding it would fail to convert.

## What it does
Flags an enum whose new list of values lacks one of the old ones. PostgreSQL cannot remove a value
from an enum type, so the migration rebuilds the type: it renames the old type away, creates the new
one, converts every column that uses it through text
(`ALTER TABLE "Message" ALTER COLUMN "role" TYPE "MessageRole" USING "role"::text::"MessageRole"`)
and drops the old type.

## Why it matters
The conversion fails on the first row that still holds the removed value, and the whole migration
rolls back, after holding an ACCESS EXCLUSIVE lock on the tables that use the enum for as long as
the conversion ran. Deployed clients that still write the value fail after the migration, because
the new type refuses it. The rebuild also rewrites those tables when it succeeds, which is reported
as table-rewrite.

## Example
```yaml
# specs/enums/enums.yaml; it was [user, assistant, system]
kind: enum
name: MessageRole
values: [user, assistant]
```
```console
$ specguard compile --name drop_system_role
specs/enums/enums.yaml:3:7: error[SG304] enum MessageRole loses value(s) system: rows holding them would fail to convert (incompatible)
  |
3 | name: MessageRole
  |       ^^^^^^^^^^^
  = hint: update the rows that hold the value first, then accept with --accept SG304:MessageRole --reason TEXT
```

## Use instead
Keeping the value costs nothing: stop writing it in the application and leave the type alone. To
remove it, release code that no longer writes it, move the rows that hold it to another value
(`UPDATE "Message" SET role = 'assistant' WHERE role = 'system'`, in batches, before the deploy),
then remove it and accept: `--accept SG304:MessageRole --reason "no row holds system since v42"`.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG304", name="drop-enum-value", severity=Severity.ERROR, category=Category.INCOMPATIBLE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.RecreateEnum) and change.removed:
        removed = ", ".join(change.removed)
        yield RULE.diag(
            f"enum {change.target} loses value(s) {removed}: rows holding them would fail to convert",
            change.span,
            target=change.target,
            hint="update the rows that hold the value first, then accept with "
            f"--accept {RULE.code}:{change.target} --reason TEXT",
        )
