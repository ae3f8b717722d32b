"""drop-enum (SG306): an enum type was removed.

What it does: flags an enum present in the compiled state and absent from the specs.
Why it matters: ``DROP TYPE`` fails while any column still uses the type, and the values it encoded
are gone with the columns that held them.
Example: deleting ``specs/enums/message_role.yaml``.
Use instead: drop or convert the columns that use it first; if it was renamed, use ``renamed_from``.
"""

from __future__ import annotations

from typing import Iterator

from specguard.diagnostics.codes import diag
from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic

CODE = "SG306"


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.DropEnum):
        yield diag(
            CODE,
            f"enum {change.target} was removed",
            change.span,
            target=change.target,
            hint=f"if it was renamed, add `renamed_from: {change.target}`; else accept with "
            f"--accept {CODE}:{change.target}",
        )
