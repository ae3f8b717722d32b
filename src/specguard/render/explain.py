"""``specguard explain CODE``: the documentation of one code.

A rule's doc is its module docstring (:mod:`specguard.compiler.rules`); every other code's doc is a
Markdown file of :mod:`specguard.diagnostics` (``docs/<CODE>.md``). Both have four sections, in the
style of ruff's and squawk's rule pages::

    ## What it does
    ## Why it matters
    ## Example
    ## Use instead

:func:`explain` prints it for a terminal: a header with the code, name, severity and category, the
summary, then the sections with code fences removed and code indented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from specguard.diagnostics import SpecguardError
from specguard.diagnostics.codes import diag
from specguard.diagnostics.suggest import did_you_mean

if TYPE_CHECKING:
    from specguard.compiler.rules.base import Rule
    from specguard.diagnostics.codes import Code

SECTIONS: tuple[str, ...] = ("What it does", "Why it matters", "Example", "Use instead")


def sections(doc: str) -> dict[str, str]:
    """The doc's ``## Title`` sections, in order, each stripped of surrounding blank lines."""
    out: dict[str, str] = {}
    title = None
    body: list[str] = []
    for line in doc.splitlines():
        if line.startswith("## "):
            if title is not None:
                out[title] = "\n".join(body).strip()
            title, body = line[3:].strip(), []
        elif title is not None:
            body.append(line)
    if title is not None:
        out[title] = "\n".join(body).strip()
    return out


def plain_doc(doc: str) -> str:
    """The doc for a terminal or a plain-text viewer: fences dropped, code indented by four spaces."""
    lines: list[str] = []
    in_code = False
    for line in doc.splitlines():
        if line.startswith("```"):
            if not in_code and lines and lines[-1].startswith("    "):
                lines.append("")  # two snippets in a row (a spec, then the output) stay apart
            in_code = not in_code
            continue
        if in_code:
            lines.append(("    " + line).rstrip())
        elif line.startswith("## "):
            lines.append(line[3:].strip())
        else:
            lines.append(line.rstrip())
    return "\n".join(lines).strip()


def markdown_doc(code: Code | Rule) -> str:
    """The doc as Markdown under a heading naming the code (SARIF ``help.markdown``)."""
    return f"# {code.code} {code.name}\n\n{code.summary}\n\n{code.doc}".strip()


def header(code: Code | Rule) -> str:
    return f"{code.code} {code.name} ({code.severity.value}, {code.category.value})"


def resolve(code_or_name: str) -> Code | Rule:
    """The code for ``SG301``, ``sg301`` or ``drop-column``; a usage error (SG003) otherwise."""
    from specguard.compiler.rules.registry import all_codes, lookup

    found = lookup(code_or_name)
    if found is not None:
        return found
    key = code_or_name.strip()
    by_key = {k: c for c in all_codes() for k in (c.code, c.name)}
    word = key.upper() if key[:2].lower() == "sg" else key.lower()
    hint = did_you_mean(word, by_key, "codes look like `SG301` or `drop-column`",
                        show=lambda k: f"`{by_key[k].code}` ({by_key[k].name})")
    raise SpecguardError(diag("SG003", f"unknown code `{key}`", hint=hint))


def explain(code_or_name: str) -> str:
    """The documentation of one code, formatted for a terminal, ending with a newline."""
    code = resolve(code_or_name)
    parts = [header(code), "", code.summary]
    if code.doc:
        parts += ["", plain_doc(code.doc)]
    return "\n".join(parts) + "\n"


def explain_all() -> str:
    """Every code's header and summary, one per line: the index ``specguard explain`` can show."""
    from specguard.compiler.rules.registry import all_codes

    return "".join(f"{header(c)}\n    {c.summary}\n" for c in all_codes())
