"""The compatibility checker could not prove a config change safe, and found no counterexample.

## What it does
Runs with the other compatibility rules on every added config version, in the directions its
`compatibility:` mode asks for. The checker proves compatibility keyword by keyword; where it cannot
(an added `pattern` it cannot compare, a `oneOf` whose branches may overlap, `unevaluatedProperties`,
a union that only several branches together cover, a schema too large to compare) and no document
it builds shows an actual difference, the change is refused with the reason, never passed.

## Why it matters
A checker that passes what it does not understand lets incompatible versions through exactly where
schemas are subtle. Refusing with the reason lets a reviewer decide, and records that decision.

## Example
Version 1 of `personality_config` has `nickname: {type: string, pattern: "^[a-z]+$"}`; version 2
changes the pattern to one that happens to accept more:
```yaml
# specs/configs/personality_config/v2.yaml
    nickname:  {type: string, pattern: "^[a-z]*$"}
```
```console
$ specguard compile --name v2
specs/configs/personality_config/v2.yaml:10:31: error[SG612] cannot prove that personality_config@2 reads every document of version 1: #/properties/nickname/pattern: the pattern '^[a-z]*$' is new or changed (was '^[a-z]+$'); patterns are compared as text (incompatible)
   |
10 |     nickname:  {type: string, pattern: "^[a-z]*$"}
   |                               ^^^^^^^
   = hint: keep the old pattern, or map the values it rejects; or accept it with --accept SG612:personality_config@2 --reason TEXT if no stored document is affected
```

## Use instead
Keep the keyword as it was, write the schema so the checker can follow it (branches that exclude
each other through a `const` discriminator, the same pattern text), or review the change and accept
it with a reason that says why every stored document is still valid.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.compiler.rules.config_compat import accept_hint, grouped
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(__doc__, code="SG612", name="config-compatibility-unproven", severity=Severity.ERROR,
                   category=Category.INCOMPATIBLE)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    for versions, f in grouped(change, ctx, None, proven=False):
        t = change.target
        reads = (f"{t} reads every document of {versions}" if f.direction == "backward"
                 else f"{versions} {'read' if versions.startswith('versions') else 'reads'} every document of {t}")
        own = f.hint if f.direction == "backward" else None
        hint = f"{own}; {accept_hint(RULE.code, t)}" if own else accept_hint(RULE.code, t, alone=True)
        yield RULE.diag(f"cannot prove that {reads}: {f.pointer}: {f.message}", change.config.schema_span(f.pointer),
                        target=t, hint=hint)
