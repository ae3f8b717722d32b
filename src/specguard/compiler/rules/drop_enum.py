"""An enum type was removed.

## What it does
Flags an enum that is present in the compiled state and missing from the specs, so that the next
migration would drop its type.

## Why it matters
PostgreSQL refuses to drop a type that a column still uses, unless with `CASCADE`, which would drop
those columns and their data too. Functions, casts and clients that name the type break as well.

## Example
```sh
git rm specs/enums/message_role.yaml   # Message.role still has type MessageRole
```

## Use instead
First change or remove the columns that use the enum, each as its own reviewed change; then remove
the enum and accept it: `--accept SG306:MessageRole --reason "..."`.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG306", name="drop-enum", severity=Severity.ERROR, category=Category.DESTRUCTIVE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.DropEnum):
        yield RULE.diag(
            f"enum {change.target} was removed",
            change.span,
            target=change.target,
            hint=f"if it was renamed, add `renamed_from: {change.target}`; else accept with "
            f"--accept {RULE.code}:{change.target} --reason TEXT",
        )
