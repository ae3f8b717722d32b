"""Credential-shaped values in specs are refused: specs are committed, so a secret there leaks.

Two shapes are caught: a URL whose user-info carries a password (``postgres://app:fake-password@db/x``) and
a token (a known vendor prefix, a private key block, or a long run of high-entropy characters).
Messages show the value masked, never whole.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from specguard.compiler.load.yamlsrc import SourceDoc
from specguard.diagnostics import Diagnostic
from specguard.diagnostics.codes import diag

_URL_WITH_PASSWORD = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@]*:([^\s@/]+)@[^\s]+")
_PASSWORD_ASSIGNMENT = re.compile(r"(?i)\b(password|passwd|pwd|secret|api[_-]?key|token)\s*[=:]\s*(\S{6,})")
_VENDOR_TOKEN = re.compile(
    r"(?:\bsk-[A-Za-z0-9_-]{20,}|\bgh[pousr]_[A-Za-z0-9]{30,}|\bxox[abpors]-[A-Za-z0-9-]{10,}|"
    r"\bAKIA[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_-]{35}|-----BEGIN [A-Z ]*PRIVATE KEY-----|"
    r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})"
)
_LONG_RUN = re.compile(r"[A-Za-z0-9+/=_-]{32,}")
_PLACEHOLDER = re.compile(r"^(\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|<[^>]*>|\*+|x+|X+|\.\.\.|changeme|password)$")


def mask(value: str) -> str:
    """Show just enough of a secret to find it: its first 4 characters and its length."""
    return f"{value[:4]}…({len(value)} chars)"


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


def find_credential(text: str) -> tuple[str, str] | None:
    """(kind, masked) when ``text`` looks like it holds a credential."""
    m = _URL_WITH_PASSWORD.search(text)
    if m and not _PLACEHOLDER.match(m.group(1)):
        return "a URL with a password", _mask_url(m.group(0), m.group(1))
    m = _VENDOR_TOKEN.search(text)
    if m:
        return "an access token or private key", mask(m.group(0))
    m = _PASSWORD_ASSIGNMENT.search(text)
    if m and not _PLACEHOLDER.match(m.group(2)):
        return f"a {m.group(1).lower()} assignment", f"{m.group(1)}=" + mask(m.group(2))
    for run in _LONG_RUN.findall(text):
        classes = sum(bool(re.search(p, run)) for p in ("[a-z]", "[A-Z]", "[0-9]"))
        if classes >= 3 and _entropy(run) >= 4.0 and _switch_rate(run) >= 0.25:
            return "a long random token", mask(run)
    return None


def _mask_url(url: str, password: str) -> str:
    return url.replace(":" + password + "@", ":***@", 1)


def scan_document(doc: SourceDoc) -> Iterator[Diagnostic]:
    """Every credential-looking string (key or value) in a document."""
    stack: list[tuple[tuple, Any]] = [((), doc.value)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                stack.append((path + (k,), v))
                if isinstance(k, str) and (found := find_credential(k)):
                    yield _diag(doc, path + (k,), found, key=True)
        elif isinstance(value, list):
            stack.extend((path + (i,), v) for i, v in enumerate(value))
        elif isinstance(value, str) and (found := find_credential(value)):
            yield _diag(doc, path, found)


def _diag(doc: SourceDoc, path: tuple, found: tuple[str, str], key: bool = False) -> Diagnostic:
    kind, masked = found
    where = ".".join(str(p) for p in path) or "document"
    return diag(
        "SG112",
        f"`{where}` holds what looks like {kind} ({masked}); credentials never belong in a spec",
        doc.key_span(path) if key else doc.span(path),
        hint="remove it and read the secret from an environment variable at run time; "
        "if this is a false positive, write an obviously fake example value",
    )
