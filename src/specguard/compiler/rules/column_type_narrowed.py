"""A column type change may fail or lose values.

## What it does
Flags a column type change that can fail on existing values or change them: `bigint` to `integer`,
`text` to `varchar(n)`, a shorter `varchar`, a smaller `numeric` precision or scale, `timestamptz` to
`timestamp`, `text` to `uuid`.

## Why it matters
`ALTER COLUMN TYPE` converts every row under an ACCESS EXCLUSIVE lock and aborts on the first value
that does not fit, after possibly minutes of work; a smaller `numeric` scale rounds values instead,
and `timestamptz` to `timestamp` shifts them by the session's time zone. Clients that expect the old
type break as well.

## Example
```yaml
# was: tokensBurned: {type: bigint, default: 0}
tokensBurned: {type: integer, default: 0}
```

## Use instead
Add a new column of the new type, backfill it in batches with an explicit conversion, move readers
and writers over, then deprecate and drop the old column. If every value is known to fit, accept the
change with a reason.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.diff.typechange import TypeChange, classify_type_change
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG303", name="column-type-narrowed", severity=Severity.ERROR, category=Category.INCOMPATIBLE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.AlterColumnType):
        return
    if classify_type_change(change.old.type, change.new.type) is TypeChange.INCOMPATIBLE:
        yield RULE.diag(
            f"column {change.target} changes type from {change.old.type} to {change.new.type}, "
            "which may fail or change values",
            change.span,
            target=change.target,
            hint="add a new column with the new type, backfill it, then deprecate the old one",
        )
