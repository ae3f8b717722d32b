"""A new config version rejects documents of an earlier version, even after its upgrade steps.

## What it does
Runs for every added config version whose `compatibility:` mode includes backward (`backward`, the
default, `backward_transitive`, `full`, `full_transitive`). Each document of the previous version
(of every earlier version, for the transitive modes) goes through the upgrade steps and defaults of
every version up to the new one; the rule fires when the compatibility checker finds a keyword of the
new schema that rejects some such document, and it has built one to prove it. The finding names the
JSON pointer of the keyword, the two versions, the counterexample, and the `upgrade:` step or
default that would make the change compatible.

## Why it matters
Rows keep the documents they were written with. A version that cannot read them turns every old row
into a validation error in the application, and the backfill that upgrades stored documents would
write documents that the new validator rejects.

## Example
Version 1 of `personality_config` has `mood: {type: string, enum: [cheerful, formal, playful]}` and
`verbosity` with `default: 3`. Version 2 narrows the enum of `mood`, and declares no upgrade step:
```yaml
# specs/configs/personality_config/v2.yaml
    mood:      {type: string, enum: [formal, playful]}
```
```console
$ specguard compile --name v2
specs/configs/personality_config/v2.yaml:8:31: error[SG610] personality_config@2 rejects documents of version 1: #/properties/mood/enum: documents may hold "cheerful", which `enum` rejects (incompatible)
  |
8 |     mood:      {type: string, enum: [formal, playful]}
  |                               ^^^^
  = hint: `upgrade: map_values: {mood: {cheerful: NEW}}` maps the old value to one this version accepts; or accept it with --accept SG610:personality_config@2 --reason TEXT if no stored document is affected
  = note: for example, the version 1 document {"mood": "cheerful"}
  = note: becomes {"mood": "cheerful", "verbosity": 3} after the upgrade steps and defaults
  = note: and personality_config@2 rejects it: 'cheerful' is not one of ['formal', 'playful']
```

## Use instead
Say how old documents become new ones: `upgrade: map_values: {mood: {cheerful: formal}}` for a
removed enum value, `default:` or `upgrade: set:` for a new required key, `upgrade: remove:` for a
key a closed model no longer allows, `upgrade: rename:` for a renamed key. If no stored document can
be affected, accept the finding with a reason.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.compiler.rules.config_compat import accept_hint, finding_diag, grouped
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(__doc__, code="SG610", name="config-backward-incompatible", severity=Severity.ERROR,
                   category=Category.INCOMPATIBLE)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    for versions, f in grouped(change, ctx, "backward", proven=True):
        t = change.target
        hint = "; ".join(h for h in (f.hint, accept_hint(RULE.code, t)) if h)
        yield finding_diag(RULE, change, f, f"{t} rejects documents of {versions}: {f.pointer}: {f.message}", hint)
