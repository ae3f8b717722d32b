"""What the compatibility engine finds in an added config version, shared by the SG61x rules.

The engine (:mod:`specguard.compiler.schemacompat`) judges the new version against the earlier
versions of its config in the new catalog, under the new version's ``compatibility:`` mode; its
results are cached per pair of versions, so the rules that read them share one computation.
"""

from __future__ import annotations

from specguard.compiler.ir import ops as o
from specguard.compiler.rules.base import RuleContext


def findings(change: o.Op, ctx: RuleContext) -> tuple:
    """The engine's findings for ``change`` when it adds a config version (else none)."""
    if not isinstance(change, o.AddConfigVersion):
        return ()
    from specguard.compiler.schemacompat.modes import judge_version

    new = change.config
    return judge_version(ctx.new.config_versions(new.name), new, new.compatibility)


def grouped(change: o.Op, ctx: RuleContext, direction: str | None, proven: bool) -> list[tuple[str, object]]:
    """The engine's findings for ``change``, one per way the new version disagrees (direction, keyword,
    message): under a transitive mode the same keyword breaks documents of several earlier versions,
    and that is one mistake. Each comes with the versions it holds against (``"versions 1, 2 and 3"``)
    and the finding against the newest of them, whose counterexample is shown."""
    groups: dict[tuple, list] = {}
    for f in findings(change, ctx):
        if (direction is None or f.direction == direction) and (f.witness is not None) == proven:
            groups.setdefault((f.direction, f.pointer, f.message), []).append(f)
    out = []
    for same in groups.values():
        olds = sorted({f.old for f in same})
        names = f"version {olds[0]}" if len(olds) == 1 else \
            "versions " + ", ".join(map(str, olds[:-1])) + f" and {olds[-1]}"
        out.append((names, max(same, key=lambda f: f.old)))
    return out


def example_note(f, target: str) -> tuple[str, ...]:
    """The counterexample as notes: the document, what the reader receives, and why it is rejected."""
    from specguard.compiler.schemacompat.reason import show

    w = f.witness
    if w is None:
        return ()
    if f.direction == "backward":
        lines = [f"for example, the version {f.old} document {show(w.document, 200)}"]
        if w.received != w.document:
            lines.append(f"becomes {show(w.received, 200)} after the upgrade steps and defaults")
        lines.append(f"and {target} rejects it: {w.error}")
        return tuple(lines)
    return (f"for example, the {target} document {show(w.document, 200)}",
            f"is rejected by version {f.old}: {w.error}")


def accept_hint(code: str, target: str, alone: bool = False) -> str:
    text = f"accept it with --accept {code}:{target} --reason TEXT if no stored document is affected"
    return text if alone else "or " + text


def finding_diag(rule, change: o.AddConfigVersion, f, message: str, hint: str):
    """The rule's diagnostic for one engine finding: at the keyword, with the counterexample as notes."""
    from dataclasses import replace

    d = rule.diag(message, change.config.schema_span(f.pointer), target=change.target, hint=hint)
    return replace(d, notes=example_note(f, change.target))
