"""A column was removed without being deprecated in a released state first.

## What it does
Flags the removal of a column that was not marked `deprecated` in the released compiled state.

## Why it matters
Deprecation makes the column nullable and marks it in the generated validators, so new code can stop
writing it while older code keeps working during a rolling deploy. Skipping that step breaks the
versions of the application that are still running when the migration lands.

## Example
```yaml
# released: legacyNotes: {type: text}
# now: the column is simply gone
```

## Use instead
Deprecate first and release that state:
`legacyNotes: {type: text, nullable: true, deprecated: "moved to knowledgeConfig"}`.
Remove the column in a later change and accept the drop (SG301).
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG302", name="drop-column-not-deprecated", severity=Severity.ERROR, category=Category.DESTRUCTIVE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.DropColumn) and not change.column.deprecated:
        yield RULE.diag(
            f"column {change.target} was removed without being deprecated first",
            change.span,
            target=change.target,
            hint='mark it `deprecated: "reason"` and release that first; if it was renamed, '
            f"add `renamed_from: {change.column.name}` to the new column",
        )
