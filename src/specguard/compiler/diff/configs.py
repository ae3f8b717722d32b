"""Config versions, matched by (name, version): added, removed, or changed after release.

Every version in the old catalog (the compiled state) is released, so a changed one is an edit of a
released version, which the rules refuse. Compatibility between versions is judged by the rules on
the added versions, against the versions before them in the new catalog.
"""

from __future__ import annotations

from collections.abc import Iterator

from specguard.compiler.diff.context import DiffContext, paired
from specguard.compiler.ir import ops as o


def compare(ctx: DiffContext) -> Iterator[o.Op]:
    old = {(c.name, c.version): c for c in ctx.old.configs}
    new = {(c.name, c.version): c for c in ctx.new.configs}
    for _, oc, nc in paired(old, new):
        if nc is None:
            yield o.RemoveConfigVersion(oc)
        elif oc is None:
            yield o.AddConfigVersion(nc)
        elif oc != nc:
            yield o.ChangeConfigVersion(oc, nc)
