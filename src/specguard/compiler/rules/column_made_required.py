"""An existing nullable column was made NOT NULL without a default.

## What it does
Flags a column of an existing table that goes from `nullable: true` to required while the specs give
it no `default`. The planner never runs a plain `SET NOT NULL`, which scans the table under an
ACCESS EXCLUSIVE lock: the main migration adds `CHECK (col IS NOT NULL) NOT VALID`, and the
`<name>_validate` migration validates that check, runs `SET NOT NULL` (which then skips the scan)
and drops the helper check. When the column has a default, a `<name>_backfill_<table>_<column>`
migration first fills the old NULLs with it in committed batches, so that case is not flagged here.

## Why it matters
Every row that still holds NULL makes the validation fail
(`check constraint ... is violated by some row`), in production, after the earlier migrations of the
same compile have committed: the deploy stops half-way. And from the moment the main migration
commits, the `NOT VALID` check already refuses new NULLs, so deployed clients that still write NULL,
or leave the column out, fail every insert.

## Example
```yaml
# specs/models/user.yaml; it was {type: text, nullable: true}
  displayName: {type: text}
```
```console
$ specguard compile --name require_display_name
specs/models/user.yaml:8:3: error[SG308] column User.displayName becomes required without a default: rows holding NULL would fail the migration (incompatible)
  |
8 |   displayName: {type: text}
  |   ^^^^^^^^^^^
  = hint: give it a `default` (existing NULLs are backfilled with it), or backfill the NULLs before the deploy; accept it with --accept SG308:User.displayName --reason TEXT if it is intended
```

## Use instead
Give the column a default, so the old NULLs are backfilled with it before the validation:
```yaml
  displayName: {type: text, default: ""}
```
Or, before the deploy, stop every writer from writing NULL and fill the old NULLs yourself; then
accept the change: `--accept SG308:User.displayName --reason "no NULL left since the backfill job"`.
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
            hint="give it a `default` (existing NULLs are backfilled with it), or backfill the NULLs before the deploy",
        )
