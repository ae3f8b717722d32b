"""The change rewrites the whole table under an ACCESS EXCLUSIVE lock.

## What it does
Warns about a change that keeps every value but makes PostgreSQL rewrite the table and rebuild its
indexes:
- a column type that widens without being binary-coercible: a larger integer (`integer` to
  `bigint`), an integer to a `numeric` wide enough for it, `real` to `double precision`, a `numeric`
  with more digits after the point and no fewer before it, an enum to `text`, and any change of an
  array's element type that keeps its values (`varchar(10)[]` to `text[]`);
- the rebuild of an enum whose values were reordered or removed: every column that uses it is
  converted to the new type.

Binary-coercible changes (a longer `varchar`, `varchar` to `text`, more `numeric` precision at the
same scale) change only the catalog and are not flagged. It is a warning, so `compile` writes the
migration without asking for an acceptance.

## Why it matters
Nothing can read or write the table until the rewrite and its index rebuilds end, and they take time
in proportion to the table's size. Queries queue behind the lock and the application stalls. On a
large table the migration's 60 s statement timeout may cancel the rewrite instead, and the deploy
stops at that migration.

## Example
```yaml
# specs/models/companion.yaml; it was {type: integer, default: 1}
  version:           {type: bigint, default: 1}
```
```console
$ specguard compile --name widen_version
specs/models/companion.yaml:16:3: warning[SG400] column Companion.version changes type from integer to bigint: no value is lost, but table Companion is rewritten under an ACCESS EXCLUSIVE lock (locking)
   |
16 |   version:           {type: bigint, default: 1}
   |   ^^^^^^^
   = hint: fine on a small table; on a large one add a new column and backfill it in batches
```

## Use instead
On a small table, take the rewrite as it is. On a large one, add a new column of the new type, fill
it in batches, move readers and writers to it, then deprecate the old column. For an enum, keep the
old values in their order and add new ones around them: PostgreSQL adds those in place
(`ALTER TYPE ... ADD VALUE`), without touching a table.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.diff.typechange import TypeChange, classify_type_change
from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG400", name="table-rewrite", severity=Severity.WARNING, category=Category.LOCKING
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.AlterColumnType):
        if classify_type_change(change.old.type, change.new.type) is TypeChange.WIDENING:
            yield RULE.diag(
                f"column {change.target} changes type from {change.old.type} to {change.new.type}: "
                f"no value is lost, but table {change.table} is rewritten under an ACCESS EXCLUSIVE lock",
                change.span,
                target=change.target,
                hint="fine on a small table; on a large one add a new column and backfill it in batches",
            )
    elif isinstance(change, o.RecreateEnum) and change.columns:
        tables = ", ".join(sorted({t for t, _ in change.columns}))
        yield RULE.diag(
            f"enum {change.target} is rebuilt: table(s) {tables} are rewritten to convert its columns",
            change.span,
            target=change.target,
            hint="append new values instead of reordering: PostgreSQL adds those in place",
        )
