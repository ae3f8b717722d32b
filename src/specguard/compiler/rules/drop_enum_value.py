"""An enum value was removed; rows holding it would break.

## What it does
Flags a value removed from an enum.

## Why it matters
PostgreSQL has no `ALTER TYPE ... DROP VALUE`: removing one means creating a new type and converting
every column that uses it, which rewrites those tables and fails on any row that still holds the
value. Clients that still write the value fail too.

## Example
```yaml
kind: enum
name: MessageRole
values: [user, assistant]   # was [user, assistant, system]
```

## Use instead
Keep the value in the enum and stop writing it in the application. If it must go, first move the rows
that hold it (`UPDATE "Message" SET role = 'assistant' WHERE role = 'system'`) in a data migration,
then accept the change with a reason.
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
