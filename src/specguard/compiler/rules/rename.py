"""rename (SG305): a table or column rename breaks every running client that uses the old name.

What it does: flags ``renamed_from`` on a model or a column (a catalog-only change in PostgreSQL).
Why it matters: during a deploy the old application version is still running and queries the old
name; every such query fails until it is replaced.
Example: ``displayName: {type: text, renamed_from: name}``.
Use instead: expand/contract: add the new column, write both, backfill, switch readers, deprecate
the old one. Or accept the rename when no running client uses the name.
"""

from __future__ import annotations

from typing import Iterator

from specguard.diagnostics.codes import diag
from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic

CODE = "SG305"


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.RenameTable):
        what, old = "table", change.old.name
    elif isinstance(change, o.RenameColumn):
        what, old = "column", f"{change.table}.{change.old.name}"
    else:
        return
    yield diag(
        CODE,
        f"{what} {old} is renamed to {change.target}: running clients that use the old name break",
        change.span,
        target=change.target,
        hint="add the new name alongside the old one (expand/contract), or accept with "
        f"--accept {CODE}:{change.target}",
    )
