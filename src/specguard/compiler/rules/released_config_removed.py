"""released-config-removed (SG804): a released config version was removed from the specs.

What it does: flags a config version present in the compiled state and absent from the specs.
Why it matters: rows may still hold documents of that version; without its schema they can no longer
be validated or upgraded.
Example: deleting `specs/configs/personality_config/v1.yaml`.
Use instead: keep the version until no stored document uses it, then accept the removal.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic
from specguard.diagnostics.codes import diag

CODE = "SG804"


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.RemoveConfigVersion):
        t = change.target
        yield diag(CODE, f"released config version {t} was removed from the specs", change.span, target=t,
                   hint="restore it: documents written under a released version must stay readable; "
                        f"if no stored document uses it any more, accept with --accept SG804:{t}")
