"""drop-enum-value (SG304): an enum value was removed; rows holding it would break.

What it does: flags an enum whose new value list lacks a value of the old one. PostgreSQL cannot
remove an enum value in place, so the generated SQL rebuilds the type (rename the old type away,
create the new one, convert every column through text, drop the old type).
Why it matters: the conversion fails on the first row that still holds the removed value, and it
rewrites every table that uses the enum under an ACCESS EXCLUSIVE lock.
Example: ``values: [user, assistant]`` when it was ``[user, assistant, system]``.
Use instead: stop writing the value, migrate the rows that hold it, then remove it and accept with
``--accept SG304:<Enum>``.
"""

from __future__ import annotations

from typing import Iterator

from specguard.diagnostics.codes import diag
from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic

CODE = "SG304"


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.RecreateEnum) and change.removed:
        removed = ", ".join(change.removed)
        yield diag(
            CODE,
            f"enum {change.target} loses value(s) {removed}: rows holding them would fail to convert",
            change.span,
            target=change.target,
            hint="update the rows that hold the value first, then accept with "
            f"--accept {CODE}:{change.target}",
        )
