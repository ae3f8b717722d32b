"""A nullable column with a default became NOT NULL: running clients that write NULL into it fail at once.

## What it does
Warns about a column of an existing table that goes from `nullable: true` to required and has a
default. The main migration adds `CHECK (col IS NOT NULL) NOT VALID`; a migration of its own gives
the old NULLs the default in batches that each commit; the `<name>_validate` migration validates
the check, runs `SET NOT NULL` (which then skips its scan) and drops the check.

## Why it matters
The default fills only the rows that leave the column out. A client that writes NULL explicitly
(an ORM that sends every column, a form that sends an empty value as NULL) fails from the moment
the main migration commits, because the `NOT VALID` check already applies to every new write. The
application version that is still running was written for a nullable column.

## Example
```yaml
# specs/models/user.yaml; it was {type: text, nullable: true}
  displayName: {type: text, default: ""}
```
```console
$ specguard compile --name require_display_name
specs/models/user.yaml:8:3: warning[SG316] column User.displayName becomes required: its NULLs get the default, but clients that still write NULL fail from the first migration on (incompatible)
  |
8 |   displayName: {type: text, default: ""}
  |   ^^^^^^^^^^^
  = hint: make every writer send a value or leave the column out before the deploy
```

## Use instead
First make every writer send a value or leave the column out; then make the column required.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG316", name="required-rejects-null-writes", severity=Severity.WARNING,
    category=Category.INCOMPATIBLE,
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.SetNotNull) or not ctx.is_existing_table(change.table):
        return
    if change.column.default is not None:
        yield RULE.diag(
            f"column {change.target} becomes required: its NULLs get the default, but clients that still write "
            "NULL fail from the first migration on",
            change.span,
            target=change.target,
            hint="make every writer send a value or leave the column out before the deploy",
        )
