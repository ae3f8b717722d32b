"""An existing nullable column made NOT NULL without a default.

## What it does
Flags a column of an existing table that goes from `nullable: true` to required while the specs give
it no default.

## Why it matters
The migration adds a `CHECK (col IS NOT NULL) NOT VALID` and validates it before `SET NOT NULL`:
every row that still holds NULL makes that validation fail in production, after the first migration
has already run. Clients that still write NULL, or omit the column, fail every insert afterwards.
When the column has a default, specguard backfills the NULLs with it before validating, so only
the case without a default is flagged.

## Example
```yaml
# released:  displayName: {type: text, nullable: true}
displayName: {type: text}
```

## Use instead
Give the column a default (`displayName: {type: text, default: ""}`), so old NULLs are backfilled
with it; or backfill the NULLs in an earlier, released step and accept this finding with
`--accept SG308:User.displayName --reason "backfilled in 2026-11"`.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG308", name="column-made-required", severity=Severity.ERROR, category=Category.INCOMPATIBLE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.SetNotNull) or not ctx.is_existing_table(change.table):
        return
    if change.column.default is None:
        yield RULE.diag(
            f"column {change.target} becomes required without a default: rows holding NULL would fail the migration",
            change.span,
            target=change.target,
            hint="give it a `default` (existing NULLs are backfilled with it), or backfill the NULLs first and accept this",
        )
