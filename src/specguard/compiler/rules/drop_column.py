r"""A column that was deprecated in the compiled state was removed: its values would be dropped.

## What it does
Flags the removal of a column that the previous catalog marks `deprecated`: the compiled state
(`generated/state.json`) for `check`, `plan` and `compile`, or the specs at the base revision for
`check --base REF`. This is the last step of expand/contract, and the next migration would run
`ALTER TABLE ... DROP COLUMN IF EXISTS`. A column removed without having been deprecated is reported
by drop-column-not-deprecated instead (`specguard explain drop-column-not-deprecated`).

The finding points at the model's `name`, since the removed column has no line left in the spec.

## Why it matters
Dropping the column deletes every value in it; only a backup brings them back. The deprecation said
the column is on its way out, but nothing in the specs proves that no deployed code still reads it,
so the drop itself still needs an acceptance on the record.

## Example
The column was deprecated, compiled and released; the change deletes its line:
```yaml
# specs/models/companion.yaml, as released
  personality:       {type: jsonb, default: {}, deprecated: "superseded by personalityConfig"}
```
```console
$ specguard compile --name drop_personality
specs/models/companion.yaml:3:7: error[SG301] column Companion.personality was removed: its values would be dropped (destructive)
  |
3 | name: Companion
  |       ^^^^^^^^^
  = hint: once no deployed code reads it, accept with --accept SG301:Companion.personality --reason TEXT
```

## Use instead
Nothing safer exists: this is the intended path. Make sure no deployed version of the application
reads or writes the column, copy the values elsewhere if they may be needed again, then accept:
```sh
specguard compile --name drop_personality \
  --accept SG301:Companion.personality --reason "unread since v42; copied to the archive"
```
The header of the migration then records the acceptance
(`SG301 Companion.personality: unread since v42; ...`), and so does `generated/state.json`.
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
