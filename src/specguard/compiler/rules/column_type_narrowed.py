"""A column type change may fail on existing values or change them.

## What it does
Flags a column whose type changes in a way that some existing value may not survive: a smaller
integer (`bigint` to `integer`), a shorter or newly bounded string (`varchar(100)` to `varchar(10)`,
`text` to `varchar(n)`), a `numeric` with fewer digits before or after the point, a bound on an
unbounded `numeric`, text to a number, a `uuid` or an enum, an enum to another enum or to a bounded
`varchar`, `timestamp` to `timestamptz` or back, an array to a scalar or back, and any other pair of
types without a lossless conversion. The migration would run
`ALTER TABLE ... ALTER COLUMN ... TYPE ... USING col::newtype`.

Changes that keep every value are not flagged here: binary-coercible ones (a longer `varchar`,
`varchar` to `text`) change only the catalog, and widening ones (`integer` to `bigint`) are reported
as table-rewrite.

## Why it matters
The conversion reads every row, and in most cases rewrites the table, under an ACCESS EXCLUSIVE
lock. The first value that does not fit aborts it: the migration rolls back after blocking the table
for as long as it ran (up to its 60 s statement timeout), and the deploy stops. A conversion that
succeeds can still change values without a word: a smaller `numeric` scale rounds them, and
`timestamp` to `timestamptz` reads every value in the session's time zone. Deployed clients that
write values the new type refuses start failing as well.

## Example
```yaml
# specs/models/companion.yaml; it was {type: bigint, default: 0}
  tokensBurned:      {type: integer, default: 0}
```
```console
$ specguard compile --name narrow_tokens
specs/models/companion.yaml:17:3: error[SG303] column Companion.tokensBurned changes type from bigint to integer, which may fail or change values (incompatible)
   |
17 |   tokensBurned:      {type: integer, default: 0}
   |   ^^^^^^^^^^^^
   = hint: add a new column with the new type, backfill it, then deprecate the old one; accept it with --accept SG303:Companion.tokensBurned --reason TEXT if it is intended
```

## Use instead
Add a column of the new type beside the old one, fill it in batches with a conversion you have
checked, move readers and writers to it, then deprecate the old column and drop it in a later
release. If every value is known to fit and the table is small enough to lock, check it
(`SELECT max("tokensBurned") FROM "Companion"`) and accept the change:
`--accept SG303:Companion.tokensBurned --reason "max is 2,147,000; writers capped"`.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.diff.typechange import TypeChange, classify_type_change
from specguard.compiler.ir import ops as o
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
