"""drop-table (SG300): a model was removed, so its table would be dropped.

What it does: flags every table present in the compiled state and absent from the specs (a rename
declared with ``renamed_from`` is not a drop).
Why it matters: ``DROP TABLE`` deletes every row; there is no undo short of a backup restore.
Example: deleting ``specs/models/legacy_audit.yaml``.
Use instead: keep the model until no code reads it, then accept the drop explicitly with
``specguard compile --accept SG300:<Table> --reason "..."``. If the model was renamed, say so with
``renamed_from``.
"""

from __future__ import annotations

from typing import Iterator

from specguard.diagnostics.codes import diag
from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic

CODE = "SG300"


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.DropTable):
        yield diag(
            CODE,
            f"model {change.target} was removed: table {change.target} and all its rows would be dropped",
            change.span,
            target=change.target,
            hint=f"if it was renamed, add `renamed_from: {change.target}` to the new model; "
            f"else accept with --accept {CODE}:{change.target}",
        )
