"""A released config version was removed from the specs; documents of that version stay in the rows.

## What it does
Flags a config version present in the compiled state (`generated/state.json`), so released, that no
spec declares any more. Versions run 1, 2, 3 without gaps, so this is the latest version of a config,
or every version of a config that was removed whole. The finding is placed on `generated/state.json`,
which still holds the version.

## Why it matters
Rows written while that version was current still hold documents of its shape. Without the version,
the generated validators cannot read those documents and the upgraders cannot bring them to a later
version: readers fail on old rows.

## Example
Version 2 of `personality_config` was released, then its file is deleted:
```console
$ rm specs/configs/personality_config/v2.yaml
$ specguard compile --name drop_v2
generated/state.json: error[SG804] released config version personality_config@2 was removed from the specs (integrity)
  = target: personality_config@2
  = hint: restore it: documents written under a released version must stay readable; if no stored document uses it any more, accept with --accept SG804:personality_config@2 --reason TEXT
```

## Use instead
Keep every released version. Remove one only when no stored document can be of that version (a
backfill upgraded them all, or the column was dropped), and record why:
`specguard compile --accept SG804:personality_config@2 --reason "no row holds version 2 since the v3 backfill"`.
"""

from __future__ import annotations

from typing import Iterator

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import Rule, RuleContext
from specguard.diagnostics import Category, Diagnostic, Severity

RULE = Rule.define(__doc__, code="SG804", name="released-config-removed", severity=Severity.ERROR,
                   category=Category.INTEGRITY)


def check(change: o.Op, ctx: RuleContext) -> Iterator[Diagnostic]:
    if isinstance(change, o.RemoveConfigVersion):
        t = change.target
        yield RULE.diag(f"released config version {t} was removed from the specs", change.span, target=t,
                        hint="restore it: documents written under a released version must stay readable; "
                             f"if no stored document uses it any more, accept with --accept {RULE.code}:{t} --reason TEXT")
