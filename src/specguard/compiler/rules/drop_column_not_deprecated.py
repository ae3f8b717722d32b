"""A column was removed without being deprecated in the compiled state first.

## What it does
Flags the removal of a column that the previous catalog does not mark `deprecated`: the compiled
state (`generated/state.json`) for `check`, `plan` and `compile`, or the specs at the base revision
for `check --base REF`. The next migration would run `ALTER TABLE ... DROP COLUMN IF EXISTS` in the
same release that stops declaring the column. A column whose new name carries `renamed_from: OLD` is
a rename, not a removal, and is not flagged here.

The finding points at the model's `name`, since the removed column has no line left in the spec.

## Why it matters
While a release rolls out, the previous version of the application is still running, and it reads
and writes the column: its queries fail from the moment the migration commits, and the values are
gone. Expand/contract avoids both. Deprecating a column first makes it nullable (the migration at
most drops `NOT NULL`), so new code can stop writing it while old code keeps working; the drop comes
in a later release, when nothing deployed uses the column any more.

## Example
The change deletes a column that the released specs declare:
```yaml
# specs/models/companion.yaml, as released
  personality:       {type: jsonb, default: {}}
```
```console
$ specguard compile --name drop_personality
specs/models/companion.yaml:3:7: error[SG302] column Companion.personality was removed without being deprecated first (destructive)
  |
3 | name: Companion
  |       ^^^^^^^^^
  = hint: mark it `deprecated: "reason"` and release that first; if it was renamed, add `renamed_from: personality` to the new column; accept it with --accept SG302:Companion.personality --reason TEXT if it is intended
```

## Use instead
Deprecate the column, compile and release that change first:
```yaml
  personality:       {type: jsonb, default: {}, deprecated: "superseded by personalityConfig"}
```
Remove the line in a later change, once no deployed code uses the column; that removal is then
reviewed as drop-column (`specguard explain drop-column`). If the column was renamed, declare the
new name with `renamed_from: personality` instead, so that the migration renames it and keeps its
values.
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
