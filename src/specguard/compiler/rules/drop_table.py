r"""A model was removed: its table and every row in it would be dropped.

## What it does
Flags a model that the previous catalog holds and the specs no longer declare. The previous catalog
is the compiled state (`generated/state.json`) for `check`, `plan` and `compile`, and the specs at
the base revision for `check --base REF`. The next migration would run `DROP TABLE IF EXISTS`. A
model declared with `renamed_from: OldName` is a rename, not a drop, and is not flagged here.

## Why it matters
`DROP TABLE` deletes every row at once, and only a backup brings them back. Every deployed client
that still queries the table fails from the moment the migration commits. `compile` and `plan`
therefore refuse the change until someone accepts it on the record.

## Example
The released specs held `specs/models/legacy_audit.yaml`; the change deletes the file:
```yaml
kind: model
name: LegacyAudit
columns:
  id:    {type: uuid, primary_key: true}
  entry: {type: text}
```
```console
$ specguard compile --name drop_legacy_audit
error[SG300] model LegacyAudit was removed: table LegacyAudit and all its rows would be dropped (destructive)
  = target: LegacyAudit
  = hint: if it was renamed, add `renamed_from: LegacyAudit` to the new model; else accept with --accept SG300:LegacyAudit --reason TEXT
```

## Use instead
If the model was renamed, keep its spec under the new name and say so, so that the migration renames
the table and keeps its rows:
```yaml
name: AuditEntry
renamed_from: LegacyAudit
```
If the table really goes, release application code that no longer uses it first, keep a copy of the
rows you may need (`pg_dump --table='"LegacyAudit"'`), then accept the drop:
```sh
specguard compile --name drop_legacy_audit \
  --accept SG300:LegacyAudit --reason "audit moved to the warehouse"
```
The reason is written at the top of the migration and into `generated/state.json`.
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
