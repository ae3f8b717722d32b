"""What a credential looks like in text, and how it is hidden: one definition for the whole tool.

The load stage refuses specs holding credentials (SG112) with :func:`find_credential`; every printed
or stored diagnostic goes through :func:`redact` (the renderers and the result cache call it), and
source excerpts through :func:`mask_same_width`, so a credential that reaches a message, a hint, a
file name or a line under a caret is masked on the way out, whatever produced it.

Shapes recognised: the password in a URL's user-info, any scheme and case (``postgres://``,
``POSTGRESQL://``, ``postgresql+psycopg://``, ``jdbc:postgresql://``); ``password=`` in a query string
or a libpq ``key=value`` string; an assignment to a secret-sounding name (``token: ...``); vendor
tokens (``sk-``, ``ghp_``, ``AKIA``, JWTs, private keys); long high-entropy runs.

Imported by the bottom layer's users on the ``check`` fast path: the standard library only.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import NamedTuple

from specguard.diagnostics import Diagnostic, Span

MASK = "***"
SHOWN = 4  # leading characters of a token left visible, so a reader can find which one it was

# scheme (jdbc:postgresql:, POSTGRESQL+psycopg:, ...) then //user:password@ ; the password runs to
# the last "@" before whitespace, so a raw "@", ":" or "/" typed in a password is hidden too
_URL_USERINFO = re.compile(
    r"\b[a-z][a-z0-9+.-]*:(?:[a-z][a-z0-9+.-]*:)*//[^\s:@/]*:(?P<pw>\S*)@(?=[^@\s]*(?:\s|$))", re.IGNORECASE
)
# password=... in a query string (?password=, &sslpassword=) or a key=value string; quoted or bare
_KEY_PW = re.compile(r"(?i)(?<![\w.-])(?:ssl)?password\s*=\s*(?P<pw>'(?:[^'\\]|\\.)*'?|[^\s&#'\"]+)")
_ASSIGNMENT = re.compile(r"(?i)\b(?P<name>password|passwd|pwd|secret|api[_-]?key|token)\s*[=:]\s*(?P<pw>\S{6,})")
_VENDOR_TOKEN = re.compile(
    r"(?:\bsk-[A-Za-z0-9_-]{20,}|\bgh[pousr]_[A-Za-z0-9]{30,}|\bxox[abpors]-[A-Za-z0-9-]{10,}|"
    r"\bAKIA[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_-]{35}|-----BEGIN [A-Z ]*PRIVATE KEY-----|"
    r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})"
)
_LONG_RUN = re.compile(r"[A-Za-z0-9+/=_-]{32,}")
_PLACEHOLDER = re.compile(r"^(\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|<[^>]*>?|\*+|x+|X+|\.\.\.|changeme|password)$")
# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a reader sees
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class Found(NamedTuple):
    """A credential in a text: ``text[start:end]`` is secret; the first ``keep`` characters may show."""

    start: int
    end: int
    kind: str
    keep: int = 0


def mask(value: str) -> str:
    """Show just enough of a secret to find it: its first characters and its length."""
    return f"{value[:SHOWN]}…({len(value)} chars)"


def _entropy(s: str) -> float:
    counts: dict[str, int] = {}
    for ch in s:
        counts[ch] = counts.get(ch, 0) + 1
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def _class(ch: str) -> int:
    return 0 if ch.islower() else 1 if ch.isupper() else 2 if ch.isdigit() else 3


def _switch_rate(s: str) -> float:
    """How often neighbouring characters change class (lower, upper, digit, other).

    Random tokens switch at about every other character; descriptive names such as
    ``Companion2PersonalityConfigHistoryV3`` switch once a word, so they are not taken for secrets.
    """
    # upper -> lower is the inside of a capitalised word, not a switch
    switches = sum(_class(a) != _class(b) and not (_class(a) == 1 and _class(b) == 0) for a, b in zip(s, s[1:]))
    return switches / max(1, len(s) - 1)


def _random_run(run: str) -> bool:
    classes = sum(bool(re.search(p, run)) for p in ("[a-z]", "[A-Z]", "[0-9]"))
    return classes >= 3 and _entropy(run) >= 4.0 and _switch_rate(run) >= 0.25


def _secret_value(value: str) -> bool:
    # a value already masked (``***`` and what follows it in a message) is not a secret any more
    return bool(value) and not value.startswith(MASK) and not _PLACEHOLDER.match(value.strip("'\""))


def credentials(text: str) -> list[Found]:
    """Every credential in ``text``, in order of position, overlapping ones merged."""
    found: list[Found] = []
    for m in _URL_USERINFO.finditer(text):
        if _secret_value(m.group("pw")):
            found.append(Found(m.start("pw"), m.end("pw"), "a URL with a password"))
    for m in _KEY_PW.finditer(text):
        if _secret_value(m.group("pw")):
            found.append(Found(m.start("pw"), m.end("pw"), "a password assignment"))
    for m in _VENDOR_TOKEN.finditer(text):
        found.append(Found(m.start(), m.end(), "an access token or private key", SHOWN))
    for m in _ASSIGNMENT.finditer(text):
        if _secret_value(m.group("pw")):
            found.append(Found(m.start("pw"), m.end("pw"), f"a {m.group('name').lower()} assignment"))
    for m in _LONG_RUN.finditer(text):
        if _random_run(m.group()):
            found.append(Found(m.start(), m.end(), "a long random token", SHOWN))
    return _merged(found)


def _merged(found: list[Found]) -> list[Found]:
    out: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if out and f.start < out[-1].end:
            last = out[-1]
            out[-1] = last._replace(end=max(last.end, f.end), keep=min(last.keep, f.keep))
        else:
            out.append(f)
    return out


def find_credential(text: str) -> tuple[str, str] | None:
    """(kind, masked) for the first credential in ``text``: masked is the word that holds it, with the
    secret hidden (``postgres://app:***@db/x``, ``ghp_…(40 chars)``); None when there is none."""
    found = credentials(text)
    if not found:
        return None
    first = found[0]
    start = max(text.rfind(" ", 0, first.start) + 1, first.start - 80)
    end = text.find(" ", first.end)
    end = min(len(text) if end < 0 else end, first.end + 80)
    return first.kind, redact_text(text[start:end])


def redact_text(text: str) -> str:
    """``text`` with every credential masked: a password becomes ``***``, a token its first characters
    and length (``ghp_…(40 chars)``)."""
    if not text:
        return text
    found = credentials(text)
    if not found:
        return text
    parts, pos = [], 0
    for f in found:
        secret = text[f.start : f.end]
        parts += [text[pos : f.start], mask(secret) if f.keep else MASK]
        pos = f.end
    return "".join(parts) + text[pos:]


def mask_same_width(text: str) -> str:
    """``text`` with every credential's characters replaced by ``*``, one for one, so that columns
    (a caret under a source line) still line up."""
    found = credentials(text)
    if not found:
        return text
    chars = list(text)
    for f in found:
        for i in range(f.start + f.keep, f.end):
            chars[i] = "*"
    return "".join(chars)


def escape_controls(text: str, *, newlines: bool = False) -> str:
    """Control characters as visible escapes (``\\n``, ``\\x1b``, ``\\u202e``): a file name or a key must
    not split an output line, move the cursor or reorder what a reader sees. ``newlines`` keeps ``\\n``
    (multi-line hints and notes)."""

    def esc(m: re.Match) -> str:
        ch = m.group()
        if ch == "\n":
            return ch if newlines else "\\n"
        if ch in "\t\r":
            return {"\t": "\\t", "\r": "\\r"}[ch]
        return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"

    return _CONTROL.sub(esc, text) if text else text


def safe_text(text: str | None, *, newlines: bool = True) -> str | None:
    """Free text as it may be shown or stored: credentials masked, control characters escaped."""
    return None if text is None else escape_controls(redact_text(text), newlines=newlines)


def redact(d: Diagnostic) -> Diagnostic:
    """The diagnostic as it may be printed or stored: every text field and the file name made safe."""
    span = d.span
    if span is not None:
        span = Span(safe_text(span.file, newlines=False) or "", span.line, span.column)
    return replace(
        d,
        message=safe_text(d.message) or "",
        hint=safe_text(d.hint),
        target=safe_text(d.target, newlines=False),
        notes=tuple(safe_text(n) or "" for n in d.notes),
        span=span,
    )
