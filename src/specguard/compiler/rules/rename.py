"""A table or column rename breaks every running client that uses the old name.

## What it does
Warns about a table or column rename (a `renamed_from`), which the migration performs with
`ALTER TABLE ... RENAME`.

## Why it matters
The rename itself is a quick catalog change, but every running client, ORM model and raw query that
uses the old name fails the moment it commits. During a rolling deploy old and new application
versions run side by side, so one of them is always wrong.

## Example
```yaml
displayName: {type: text, renamed_from: name}
```

## Use instead
Expand and contract: add the new column, write to both, backfill, move reads to the new one, then
deprecate and drop the old one. A rename is fine when every client deploys together with the
migration.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG305", name="rename", severity=Severity.WARNING, category=Category.INCOMPATIBLE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.RenameTable):
        what, old = "table", change.old.name
    elif isinstance(change, o.RenameColumn):
        what, old = "column", f"{change.table}.{change.old.name}"
    else:
        return
    yield RULE.diag(
        f"{what} {old} is renamed to {change.target}: running clients that use the old name break",
        change.span,
        target=change.target,
        hint="if a running client may still use the old name, add the new name alongside it instead "
        "(expand/contract)",
    )
