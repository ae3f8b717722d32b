"""A default changed between config versions: compatible, but old documents change meaning.

## What it does
Compares each added config version with the version before it and warns, at the new `default:`,
for every property whose default differs. Properties are paired by where they sit in documents, so
moving a schema into `$defs` is no change.

## Why it matters
A document that left the key out meant the old default. The upgrade fills in the new default, so
after the backfill the same row says something else, without anyone having written it.

## Example
Version 2 of `personality_config` changes the default of `verbosity`:
```yaml
# specs/configs/personality_config/v2.yaml
    verbosity: {type: integer, minimum: 1, maximum: 5, default: 2}   # version 1: default: 3
```
```console
$ specguard compile --name v2
specs/configs/personality_config/v2.yaml:9:56: warning[SG613] the default at #/properties/verbosity/default changed from 3 to 2 (config)
  |
9 |     verbosity: {type: integer, minimum: 1, maximum: 5, default: 2}
  |                                                        ^^^^^^^
  = hint: version 1 documents without it meant 3; upgraded, they hold 2. Keep the old default if they must keep their meaning
```

## Use instead
Keep the old default if stored documents must keep their meaning. If the new meaning is intended,
the warning only records it; it never blocks a compile.
"""

from __future__ import annotations

import json
from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(__doc__, code="SG613", name="config-default-changed", severity=Severity.WARNING,
                   category=Category.CONFIG)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not isinstance(change, o.AddConfigVersion):
        return
    from specguard.compiler.schemacompat.defaults import changed_defaults

    new = change.config
    prev = next((c for c in ctx.new.config_versions(new.name) if c.version == new.version - 1), None)
    if prev is None:
        return
    for pointer, was, now in changed_defaults(prev.schema, new.schema):
        old_text, new_text = json.dumps(was, sort_keys=True), json.dumps(now, sort_keys=True)
        yield RULE.diag(f"the default at {pointer} changed from {old_text} to {new_text}",
                        new.schema_span(pointer), target=change.target,
                        hint=f"version {prev.version} documents without it meant {old_text}; upgraded, they hold "
                             f"{new_text}. Keep the old default if they must keep their meaning")
