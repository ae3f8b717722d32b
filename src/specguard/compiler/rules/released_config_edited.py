"""A released config version was edited; a version number must always mean the same schema.

## What it does
Flags a config version present in the compiled state (`generated/state.json`), so released, whose
schema or upgrade steps differ in the specs. Descriptions may change; nothing else may. No
`--accept` lets this finding through.

## Why it matters
Stored documents were validated against that version, deployed validators check it, and upgraders
chain from it. Editing it in place rewrites history: old rows may no longer validate, and code that is
already deployed disagrees with the new build about what the same version number means.

## Example
Version 1 was compiled and released; its `verbosity` maximum is lowered in place:
```yaml
# specs/configs/personality_config/v1.yaml
    verbosity: {type: integer, minimum: 1, maximum: 3}   # was maximum: 5
```
```console
$ specguard compile --name tighten
specs/configs/personality_config/v1.yaml:3:7: error[SG802] released config version personality_config@1 was edited (integrity)
  |
3 | name: personality_config
  |       ^^^^^^^^^^^^^^^^^^
  = hint: restore personality_config@1 and declare the change as version 3
```

## Use instead
Restore the released version and add the next version (`v3.yaml`) with the change, with `upgrade:`
steps where documents of the older versions need them; the compatibility rules then check that the
new version reads every old document.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(__doc__, code="SG802", name="released-config-edited", severity=Severity.ERROR,
                   category=Category.INTEGRITY, acceptable=False)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.ChangeConfigVersion):
        name = change.new.name
        nxt = max((c.version for c in ctx.new.configs if c.name == name), default=0) + 1
        yield RULE.diag(f"released config version {change.target} was edited", change.span, target=change.target,
                        hint=f"restore {change.target} and declare the change as version {nxt}")
