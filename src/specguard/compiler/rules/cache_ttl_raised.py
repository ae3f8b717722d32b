"""A cache policy's TTL was raised: readers may see stale data for longer.

## What it does
Warns when a cache policy's TTL for anonymous or for signed-in readers gets longer, or when a policy
starts caching for an audience it did not cache before. A policy that was critical is reported by
cache-critical-removed instead (`specguard explain cache-critical-removed`).

## Why it matters
A value stays in the cache until its TTL runs out or a write to one of the `invalidate_on` models
clears it. Writes that invalidation does not see (another service, a manual fix, a model missing
from `invalidate_on`) are now hidden for longer. The team's defaults (300 s anonymous, 60 s
signed-in) are a trade-off someone made; a longer TTL deserves a second look.

## Example
```yaml
# specs/cache/policies.yaml; it was {anonymous: 300s, authenticated: 60s}
ttl: {anonymous: 15m, authenticated: 60s}
```
```console
$ specguard compile --name longer_ttl
specs/cache/policies.yaml:3:7: warning[SG512] cache policy companion_detail keeps values longer (anonymous 300s -> 900s): readers may see stale data for longer (cache)
  |
3 | name: companion_detail
  |       ^^^^^^^^^^^^^^^^
  = hint: keep the TTL, and list in `invalidate_on` every model whose writes change the value
```

## Use instead
Keep the TTL, and make sure every model whose writes change the cached value is in `invalidate_on`.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG512", name="cache-ttl-raised", severity=Severity.WARNING, category=Category.CACHE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.ChangeCacheTtl) or change.old.critical:
        return
    raised = [f"{who} {_seconds(old)} -> {_seconds(new)}" for who, old, new in (
        ("anonymous", change.old.ttl_anonymous, change.new.ttl_anonymous),
        ("authenticated", change.old.ttl_authenticated, change.new.ttl_authenticated),
    ) if new is not None and (old is None or new > old)]  # fmt: skip
    if raised:
        yield RULE.diag(
            f"cache policy {change.new.name} keeps values longer ({', '.join(raised)}): readers may see stale data "
            "for longer",
            change.span,
            target=change.target,
            hint="keep the TTL, and list in `invalidate_on` every model whose writes change the value",
        )


def _seconds(ttl: int | None) -> str:
    return "not cached" if ttl is None else f"{ttl}s"
