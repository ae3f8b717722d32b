"""Changes to cache policies. Targets are ``cache:<policy>``, e.g. ``cache:companion_detail``.

A changed policy yields one operation per attribute that changed, so each rule matches exactly the
change it judges (a new key template strands the old keys; a longer TTL serves stale data longer).
"""

from __future__ import annotations

from dataclasses import dataclass

from specguard.compiler.ir.catalog import CachePolicy
from specguard.compiler.ir.ops.base import Op


def cache_target(p: CachePolicy) -> str:
    return f"cache:{p.name}"


@dataclass(frozen=True)
class AddCachePolicy(Op):
    policy: CachePolicy
    produces_sql = False

    target = property(lambda self: cache_target(self.policy))
    span = property(lambda self: self.policy.span)


@dataclass(frozen=True)
class DropCachePolicy(Op):
    policy: CachePolicy
    produces_sql = False

    target = property(lambda self: cache_target(self.policy))
    span = property(lambda self: self.policy.span)


@dataclass(frozen=True)
class _CachePolicyChange(Op):
    old: CachePolicy
    new: CachePolicy
    produces_sql = False

    target = property(lambda self: cache_target(self.new))
    span = property(lambda self: self.new.span)


@dataclass(frozen=True)
class ChangeCacheModel(_CachePolicyChange):
    """The model whose rows the policy caches."""


@dataclass(frozen=True)
class ChangeCacheKey(_CachePolicyChange):
    """The key template; keys written under the old template are never invalidated by the new one."""

    def describe(self) -> str:
        return f"change the key of {self.target} from {self.old.key} to {self.new.key}"


@dataclass(frozen=True)
class ChangeCacheTtl(_CachePolicyChange):
    """The TTL for anonymous or authenticated readers (None: not cached for that audience)."""


@dataclass(frozen=True)
class ChangeCacheCritical(_CachePolicyChange):
    """Whether the policy is critical (never cached)."""


@dataclass(frozen=True)
class ChangeCacheInvalidation(_CachePolicyChange):
    """The models whose writes clear the policy's keys."""


@dataclass(frozen=True)
class ChangeCacheChunking(_CachePolicyChange):
    """The size above which values are stored in chunks."""
