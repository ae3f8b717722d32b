"""Signed-in readers are cached longer than anonymous ones.

## What it does
Warns when a cache policy that is added, or whose TTL changes, keeps values longer for
authenticated readers than for anonymous ones. A policy that caches for one audience only is not
flagged.

## Why it matters
Signed-in users are the ones who change data and expect to see their own change at once; anonymous
readers browse public data and tolerate a few minutes. The team's defaults (300 s anonymous, 60 s
signed-in) say so. The reverse usually means the two values were swapped.

## Example
A new policy in `specs/cache/policies.yaml`:
```yaml
kind: cache_policy
name: group_chat_detail
model: GroupChat
key: "group_chat:{id}"
ttl: {anonymous: 60s, authenticated: 300s}
invalidate_on: [GroupChat]
```
```console
$ specguard compile --name cache_group_chat
specs/cache/policies.yaml:36:7: warning[SG513] cache policy group_chat_detail keeps values for signed-in readers (300s) longer than for anonymous ones (60s) (cache)
   |
36 | name: group_chat_detail
   |       ^^^^^^^^^^^^^^^^^
   = hint: give authenticated readers the shorter TTL
```

## Use instead
Give authenticated readers the shorter TTL:
```yaml
ttl: {anonymous: 300s, authenticated: 60s}
```
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG513", name="cache-ttl-authenticated-longer", severity=Severity.WARNING, category=Category.CACHE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.AddCachePolicy):
        policy = change.policy
    elif isinstance(change, o.ChangeCacheTtl):
        policy = change.new
    else:
        return
    anon, auth = policy.ttl_anonymous, policy.ttl_authenticated
    if anon is not None and auth is not None and auth > anon:
        yield RULE.diag(
            f"cache policy {policy.name} keeps values for signed-in readers ({auth}s) longer than for anonymous "
            f"ones ({anon}s)",
            change.span,
            target=change.target,
            hint="give authenticated readers the shorter TTL",
        )
