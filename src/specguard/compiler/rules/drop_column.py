"""A column was removed: its values would be dropped.

## What it does
Flags a column that is present in the compiled state and missing from its model's spec, so that the
next migration would run `ALTER TABLE ... DROP COLUMN`.

## Why it matters
The column's values become unreachable at once (PostgreSQL frees the space only on a later rewrite,
but there is no undo), and every running client that still reads or writes the column starts failing.
`compile` refuses the change unless it is accepted explicitly.

## Example
```yaml
# legacyNotes removed from specs/models/companion.yaml
columns:
  id:   {type: uuid, primary_key: true}
  name: {type: text}
```

## Use instead
Retire the column in two releases (expand/contract): first mark it
`legacyNotes: {type: text, nullable: true, deprecated: "moved to knowledgeConfig"}` and ship code that
no longer uses it; then remove it with
`--accept SG301:Companion.legacyNotes --reason "moved to knowledgeConfig"`.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG301", name="drop-column", severity=Severity.ERROR, category=Category.DESTRUCTIVE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.DropColumn) and change.column.deprecated:
        yield RULE.diag(
            f"column {change.target} was removed: its values would be dropped",
            change.span,
            target=change.target,
            hint=f"once no deployed code reads it, accept with --accept {RULE.code}:{change.target} --reason TEXT",
        )
