"""A model was removed: its table and every row in it would be dropped.

## What it does
Flags a model that is present in the compiled state (or in the `--base` revision) and missing from
the specs, so that the next migration would drop its table.

## Why it matters
`DROP TABLE` deletes every row, and only a backup brings them back. Every client that still queries
the table fails from that moment on. `compile` refuses the change unless it is accepted explicitly.

## Example
```sh
git rm specs/models/group_chat.yaml
specguard check   # SG300 drop-table: GroupChat
```

## Use instead
If the model was renamed, keep it and record the old name: `name: Conversation` with
`renamed_from: GroupChat`. If it really goes, remove every use from the application first, then
`specguard compile --accept SG300:GroupChat --reason "replaced by Conversation"`.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG300", name="drop-table", severity=Severity.ERROR, category=Category.DESTRUCTIVE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.DropTable):
        yield RULE.diag(
            f"model {change.target} was removed: table {change.target} and all its rows would be dropped",
            change.span,
            target=change.target,
            hint=f"if it was renamed, add `renamed_from: {change.target}` to the new model; "
            f"else accept with --accept {RULE.code}:{change.target} --reason TEXT",
        )
