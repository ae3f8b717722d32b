"""Cache policies, matched by name: added, dropped, and one operation per changed attribute."""

from __future__ import annotations

from collections.abc import Iterator

from specguard.compiler.diff.context import DiffContext, paired
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import CachePolicy

# which attributes each change operation covers; together, every compared field of CachePolicy
_ATTRIBUTES: tuple[tuple[type[o.Op], tuple[str, ...]], ...] = (
    (o.ChangeCacheModel, ("model",)),
    (o.ChangeCacheKey, ("key",)),
    (o.ChangeCacheTtl, ("ttl_anonymous", "ttl_authenticated")),
    (o.ChangeCacheCritical, ("critical",)),
    (o.ChangeCacheInvalidation, ("invalidate_on",)),
    (o.ChangeCacheChunking, ("chunk_max_bytes",)),
)


def compare(ctx: DiffContext) -> Iterator[o.Op]:
    old = {p.name: p for p in ctx.old.cache_policies}
    new = {p.name: p for p in ctx.new.cache_policies}
    for _, op, np_ in paired(old, new):
        if np_ is None:
            yield o.DropCachePolicy(op)
        elif op is None:
            yield o.AddCachePolicy(np_)
        elif op != np_:
            yield from _changes(op, np_)


def _changes(old: CachePolicy, new: CachePolicy) -> Iterator[o.Op]:
    for kind, fields in _ATTRIBUTES:
        if any(getattr(old, f) != getattr(new, f) for f in fields):
            yield kind(old, new)
