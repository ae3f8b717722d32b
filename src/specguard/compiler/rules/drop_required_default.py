"""The default of a NOT NULL column was removed: every insert that leaves the column out fails.

## What it does
Flags a column of an existing table that stays required (NOT NULL) while the specs remove its
`default`, also when the same change alters its type. The migration runs
`ALTER TABLE ... ALTER COLUMN ... DROP DEFAULT`, a catalog-only change.

## Why it matters
Until now an `INSERT` could leave the column out and PostgreSQL filled in the default. From the
moment the migration commits, every such insert fails with `null value in column ... violates
not-null constraint`: the running application, ORMs that leave out columns with database
defaults, scripts and fixtures alike. Nothing warns before the first write fails in production.

## Example
```yaml
# specs/models/companion.yaml; it was {type: boolean, default: false}
  isPublic:          {type: boolean}
```
```console
$ specguard compile --name drop_is_public_default
specs/models/companion.yaml:9:3: error[SG309] column Companion.isPublic stays required but loses its default: every insert that leaves it out fails (incompatible)
  |
9 |   isPublic:          {type: boolean}
  |   ^^^^^^^^
  = hint: keep the default until every writer sets the column, or make it `nullable: true`; accept it with --accept SG309:Companion.isPublic --reason TEXT if it is intended
```

## Use instead
Keep the default until every writer sets the column itself, then remove it in a later release and
accept the change on the record. If the column is on its way out, deprecate it instead: a
deprecated column becomes nullable, and inserts that leave it out keep working.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG309", name="drop-required-default", severity=Severity.ERROR, category=Category.INCOMPATIBLE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.DropDefault):
        col, old_default = change.column, True
    elif isinstance(change, o.AlterColumnType):  # a type change drops the old default itself
        col, old_default = change.new, change.old.default is not None and change.new.default is None
    else:
        return
    if col.nullable or not old_default or not ctx.is_existing_table(change.table):
        return
    if any(isinstance(op, o.SetNotNull) and op.target == change.target for op in ctx.ops):
        return  # it was nullable: becoming required is the finding to make
    yield RULE.diag(
        f"column {change.target} stays required but loses its default: every insert that leaves it out fails",
        change.span,
        target=change.target,
        hint="keep the default until every writer sets the column, or make it `nullable: true`",
    )
