"""A policy caches data that was critical: the `critical` flag of its model or policy was removed.

## What it does
Flags a cache policy that caches rows (has a `ttl`) of a model that the previous catalog marks
`critical: true`, or that was itself `critical: true` there. While the flag is set, the specs refuse
any TTL for such a policy; removing the flag is what lets the policy start caching. The finding is
on the policy, once, whichever of its attributes changed.

## Why it matters
Critical data (token balances, payments, permissions) must always be read from the database: a
cached balance lets a user spend tokens twice, a cached permission outlives its revocation. The
`critical` flag is the record of that decision, and removing it in the same change that adds a
cache (or in the change before) is exactly how that decision gets lost in a refactoring.

## Example
The change removes `critical: true` from `UserUsage` in `specs/models/usage.yaml`, and gives its
policy a TTL in place of `critical: true`:
```yaml
kind: cache_policy
name: user_usage
model: UserUsage
key: "usage:{userId}"
ttl: {authenticated: 60s}
```
```console
$ specguard compile --name cache_usage
specs/cache/policies.yaml:29:7: error[SG510] cache policy user_usage now caches UserUsage rows, although its model UserUsage was critical: critical data would be served from the cache (cache)
   |
29 | name: user_usage
   |       ^^^^^^^^^^
   = hint: keep `critical: true` and read UserUsage from the database; accept it with --accept SG510:cache:user_usage --reason TEXT if it is intended
```

## Use instead
Keep `critical: true` and read the data from the database. If the data really is no longer
critical, say why on the record: accept the finding with a reason that a reviewer can check.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG510", name="cache-critical-removed", severity=Severity.ERROR, category=Category.CACHE
)

_POLICY_OPS = (o.AddCachePolicy, o.ChangeCacheModel, o.ChangeCacheKey, o.ChangeCacheTtl, o.ChangeCacheCritical,
               o.ChangeCacheInvalidation, o.ChangeCacheChunking)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, _POLICY_OPS) or ctx.first_op_on(change.target) is not change:
        return
    policy = change.policy if isinstance(change, o.AddCachePolicy) else change.new
    if policy.critical or (policy.ttl_anonymous is None and policy.ttl_authenticated is None):
        return
    old_table = ctx.old.table(policy.model)
    if old_table is not None and old_table.critical:
        why = f"its model {policy.model} was critical"
    elif isinstance(change, o.AddCachePolicy) or not change.old.critical:
        return
    else:
        why = "the policy was critical"
    yield RULE.diag(
        f"cache policy {policy.name} now caches {policy.model} rows, although {why}: critical data would be "
        "served from the cache",
        change.span,
        target=change.target,
        hint=f"keep `critical: true` and read {policy.model} from the database",
    )
