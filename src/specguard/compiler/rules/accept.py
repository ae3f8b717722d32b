"""Acceptances: a reviewer's ``--accept CODE:TARGET --reason TEXT`` for one error-level finding.

An acceptance covers exactly the findings with its code and its target, never anything else. A few
codes can never be accepted (a rule says so with ``acceptable=False``): editing released history
(SG801) or a released config version (SG802) would make the record lie, whatever the reason.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from specguard.diagnostics import Diagnostic, Severity, SpecguardError
from specguard.diagnostics.codes import diag

# an edited released migration is not a rule's finding, but no reason can accept it either
_NEVER = frozenset({"SG801"})


def unacceptable() -> frozenset[str]:
    """The codes no acceptance covers: the rules that say so, and an edited migration history."""
    from specguard.compiler.rules import RULES

    return _NEVER | {m.RULE.code for m in RULES if not m.RULE.acceptable}


@dataclass(frozen=True)
class Accept:
    code: str
    target: str
    reason: str


class AcceptError(SpecguardError, ValueError):
    """A malformed ``--accept``; a ValueError too, so option parsers can treat it as one."""


def parse_accept(text: str, reason: str, known_codes=None) -> Accept:
    """``CODE:TARGET`` plus a reason; the code may be spelled as a rule name (``drop-column``).

    ``known_codes`` maps a spelling to its code (default: every code specguard has).
    """
    if known_codes is None:
        known_codes = _code_of
    code, sep, target = text.partition(":")
    if not sep or not target.strip():
        raise _usage(f"--accept {text!r} is not CODE:TARGET", "e.g. --accept SG301:Companion.legacyNotes")
    c = known_codes(code)
    if c is None:
        raise _usage(f"--accept {text!r}: unknown code {code.strip()!r}", "`specguard explain CODE` lists the codes")
    if not reason or not reason.strip():
        raise _usage(f"--accept {text}: a --reason is required", "say why the change is safe; it is recorded in the migration")
    return Accept(c, target.strip(), " ".join(reason.split()))


def _code_of(spelling: str) -> str | None:
    from specguard.compiler.rules.registry import lookup

    found = lookup(spelling)
    return found.code if found else None


def _usage(message: str, hint: str) -> AcceptError:
    return AcceptError(diag("SG003", message, hint=hint, target="--accept"))


def apply_acceptances(findings, accepts) -> tuple[list[tuple[Diagnostic, Accept]], list[Diagnostic]]:
    """Pair each error-level finding with its acceptance. Returns (accepted pairs, what remains):
    unaccepted findings (with a hint saying how to accept them) and a warning per unused acceptance."""
    matched, remaining, used = [], [], set()
    never = unacceptable()
    for f in findings:
        a = _acceptance_for(f, accepts, never)
        if a is None:
            remaining.append(_with_accept_hint(f, never))
        else:
            matched.append((f, a))
            used.add(a)
    remaining += [unused_acceptance(a) for a in accepts if a not in used]
    return matched, remaining


def _acceptance_for(f: Diagnostic, accepts, never: frozenset[str]) -> Accept | None:
    if f.severity is not Severity.ERROR or f.code in never:
        return None
    return next((a for a in accepts if a.code == f.code and a.target == f.target), None)


def _with_accept_hint(f: Diagnostic, never: frozenset[str]) -> Diagnostic:
    if f.severity is not Severity.ERROR or f.code in never or "--accept" in (f.hint or ""):
        return f
    more = f"accept it with --accept {f.code}:{f.target} --reason TEXT if it is intended"
    return dataclasses.replace(f, hint=f"{f.hint}; {more}" if f.hint else more)


def unused_acceptance(a: Accept) -> Diagnostic:
    return diag("SG003", f"--accept {a.code}:{a.target} matches no finding of this compile",
                severity=Severity.WARNING, target=a.target,
                hint="`specguard plan` lists the findings and their targets")
