"""Config versions, matched by (name, version): added, removed, or changed after release.

Every version in the old catalog (the compiled state) is released, so a changed one is an edit of a
released version, which the rules refuse. Compatibility between versions is judged by the rules on
the added versions, against the versions before them in the new catalog.
"""

from __future__ import annotations

from collections.abc import Iterator

from specguard.compiler.diff.context import DiffContext, paired
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.defaultsplan import changes_documents


def compare(ctx: DiffContext) -> Iterator[o.Op]:
    yield from _versions(ctx)
    yield from document_upgrades(ctx)


def _versions(ctx: DiffContext) -> Iterator[o.Op]:
    old = {(c.name, c.version): c for c in ctx.old.configs}
    new = {(c.name, c.version): c for c in ctx.new.configs}
    for _, oc, nc in paired(old, new):
        if nc is None:
            yield o.RemoveConfigVersion(oc)
        elif oc is None:
            yield o.AddConfigVersion(nc)
        elif oc != nc:
            yield o.ChangeConfigVersion(oc, nc)


def document_upgrades(ctx: DiffContext) -> Iterator[o.Op]:
    """A backfill for every config column that held documents before, and whose config gained a
    version that changes documents (upgrade steps or defaults). A column that is new, or names another
    config, or keeps its version elsewhere than before, has no documents of a known version to upgrade."""
    for table in ctx.new.tables:
        before = ctx.projected.get(table.name)
        for col in table.columns:
            old = before.column(col.name) if before is not None else None
            if col.config is None or old is None or (old.config, old.config_version) != (col.config, col.config_version):
                continue
            versions = ctx.new.config_versions(col.config)
            released = ctx.old.latest_config(col.config)
            if versions and released is not None and versions[-1].version > released.version \
                    and changes_documents(versions, released.version):
                yield o.UpgradeConfigDocuments(table, col, versions)
