"""released-config-edited (SG802): a released config version was edited (never acceptable).

What it does: flags a config version present in the compiled state whose schema or upgrade steps
differ in the specs.
Why it matters: documents written under a released version are stored in the database and read by
deployed code; a version number must always mean the same schema.
Example: adding `maxLength: 20` to `personality_config` version 1 after it was compiled.
Use instead: restore the released version and declare the change as the next version.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic
from specguard.diagnostics.codes import diag

CODE = "SG802"


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.ChangeConfigVersion):
        name = change.new.name
        nxt = max((c.version for c in ctx.new.configs if c.name == name), default=0) + 1
        yield diag(CODE, f"released config version {change.target} was edited", change.span,
                   target=change.target, hint=f"restore {change.target} and declare the change as version {nxt}")
