"""GitHub Actions workflow commands: one annotation per diagnostic.

    ::error file=specs/models/companion.yaml,line=12,col=5,title=SG106 unknown-key::unknown key …

Errors become ``::error``, warnings ``::warning`` and infos ``::notice``. GitHub's runner decodes
``%25``, ``%0D`` and ``%0A`` in the message, and additionally ``%3A`` and ``%2C`` in property values,
so those characters are escaped exactly that way (``%`` first, so nothing is escaped twice).
The hint and notes follow the message on lines of their own, as the annotation shows them.
"""

from __future__ import annotations

from collections.abc import Sequence

from specguard.diagnostics import Diagnostic, Severity

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (GitHub's ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (GitHub's ``escapeProperty``): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    """One diagnostic as a workflow command line."""
    props: list[tuple[str, str]] = []
    s = d.span
    if s and s.file:
        props.append(("file", s.file))
        if s.line > 0:
            props.append(("line", str(s.line)))
            if s.column > 0:
                props.append(("col", str(s.column)))
    props.append(("title", _title(d.code)))
    message = d.message
    if d.target and not (s and s.line > 0):
        message += f"\ntarget: {d.target}"
    if d.hint:
        message += f"\nhint: {d.hint}"
    for note in d.notes:
        message += f"\nnote: {note}"
    prop_text = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{_COMMAND.get(d.severity, 'error')} {prop_text}::{escape_data(message)}"


def _title(code: str) -> str:
    """``SG106 unknown-key``: the code and its name, as the annotation's title."""
    from specguard.compiler.rules.registry import lookup

    c = lookup(code)
    return f"{code} {c.name}" if c else code


def render_github(diagnostics: Sequence[Diagnostic]) -> str:
    """One annotation line per diagnostic; empty when there is nothing to report."""
    return "".join(annotation(d) + "\n" for d in diagnostics)
