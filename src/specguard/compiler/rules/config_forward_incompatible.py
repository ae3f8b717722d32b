"""An earlier config version rejects documents of a new version (forward compatibility).

## What it does
Runs for every added config version whose `compatibility:` mode includes forward (`forward`,
`forward_transitive`, `full`, `full_transitive`). Readers of the earlier version receive documents
of the new one as they are, without upgrade steps; the rule fires when the compatibility checker
finds a keyword of the earlier schema that rejects some document of the new one, and it has built one
to prove it. The finding is placed on the new version's keyword (its JSON pointer is in the message).

## Why it matters
Forward compatibility is what a rolling deploy needs: while old application instances still run,
new instances already write documents of the new version. If the old version rejects them, the old
instances fail on rows the new ones wrote.

## Example
Version 2 of `personality_config` (declared `compatibility: full`) adds a value to the enum of `mood`:
```yaml
# specs/configs/personality_config/v2.yaml
compatibility: full
...
    mood:      {type: string, enum: [cheerful, formal, playful, calm]}
```
```console
$ specguard compile --name v2
specs/configs/personality_config/v2.yaml:8:31: error[SG611] version 1 rejects documents of personality_config@2: #/properties/mood/enum: documents may hold "calm", which `enum` rejects (incompatible)
  |
8 |     mood:      {type: string, enum: [cheerful, formal, playful, calm]}
  |                               ^^^^
  = hint: readers of version 1 see new documents as they are, so upgrade steps cannot help: keep what version 1 accepts, or choose `compatibility: backward`; or accept it with --accept SG611:personality_config@2 --reason TEXT if no stored document is affected
  = note: for example, the personality_config@2 document {"mood": "calm"}
  = note: is rejected by version 1: 'calm' is not one of ['cheerful', 'formal', 'playful']
```

## Use instead
Widen first and write later: release a version the old readers can read (here, keep the enum as it
was), deploy the readers of the wider version everywhere, then release the version that writes the
new values. Or choose `compatibility: backward` if no old reader remains when new documents are
written.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.compiler.rules.config_compat import accept_hint, finding_diag, grouped
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(__doc__, code="SG611", name="config-forward-incompatible", severity=Severity.ERROR,
                   category=Category.INCOMPATIBLE)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    for versions, f in grouped(change, ctx, "forward", proven=True):
        t = change.target
        hint = (f"readers of {versions} see new documents as they are, so upgrade steps cannot help: "
                f"keep what they accept, or choose `compatibility: backward`; " + accept_hint(RULE.code, t))
        verb = "reject" if versions.startswith("versions") else "rejects"
        yield finding_diag(RULE, change, f, f"{versions} {verb} documents of {t}: {f.pointer}: {f.message}", hint)
