"""A cache policy's key template changed under the same name: the keys written before are never invalidated.

## What it does
Warns about a cache policy whose `key` template changes while the policy keeps its name. A policy
that is renamed at the same time (removed under the old name, added under a new one) is not flagged.

## Why it matters
Invalidation builds its patterns from the current template. Keys written by the previous release,
under the old template, match none of them: after a write to the model, readers that still reach
those keys (the previous release, during a rolling deploy) get the stale value until its TTL runs
out, and the keys take memory until then.

## Example
```yaml
# specs/cache/policies.yaml; the key was "companion:{id}"
name: companion_detail
key: "companion:{id}:{version}"
```
```console
$ specguard compile --name companion_key_version
specs/cache/policies.yaml:3:7: warning[SG511] the key of cache policy companion_detail changes from `companion:{id}` to `companion:{id}:{version}`: keys written under the old template are never invalidated (cache)
  |
3 | name: companion_detail
  |       ^^^^^^^^^^^^^^^^
  = hint: rename the policy along with its key, or delete the old keys at the deploy
```

## Use instead
Give the policy a new name along with the new key template, so that the change is a new policy
beside an old one that expires, or delete the old keys when the release goes out.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(
    __doc__, code="SG511", name="cache-key-changed", severity=Severity.WARNING, category=Category.CACHE
)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.ChangeCacheKey):
        return
    yield RULE.diag(
        f"the key of cache policy {change.new.name} changes from `{change.old.key}` to `{change.new.key}`: "
        "keys written under the old template are never invalidated",
        change.span,
        target=change.target,
        hint="rename the policy along with its key, or delete the old keys at the deploy",
    )
