"""An enum type was removed: the migration would drop the type.

## What it does
Flags an enum that the previous catalog holds and the specs no longer declare: the compiled state
(`generated/state.json`) for `check`, `plan` and `compile`, or the specs at the base revision for
`check --base REF`. The next migration would run `DROP TYPE IF EXISTS`. While a column of the specs
still uses the enum, its removal is an unknown type (SG110) instead; an enum declared with
`renamed_from: OLD` is a rename, not a drop.

## Why it matters
Application queries that name the type, such as the cast `'calm'::"Mood"`, fail from the moment the
migration commits. A function, view or column that specguard does not manage and that still uses the
type makes `DROP TYPE` fail instead, and the deploy stops at that migration.

## Example
The released specs declared an enum that no column uses any more; the change deletes it:
```yaml
kind: enum
name: Mood
values: [calm, playful]
```
```console
$ specguard compile --name drop_mood
error[SG306] enum Mood was removed (destructive)
  = target: Mood
  = hint: if it was renamed, add `renamed_from: Mood`; else accept with --accept SG306:Mood --reason TEXT
```

## Use instead
If the enum was renamed, keep it under the new name with `renamed_from: Mood`, so the migration
renames the type. Otherwise make sure that no application query and no database object outside the
specs still uses the type, then accept the drop:
`--accept SG306:Mood --reason "last column moved to text in v41"`.
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
