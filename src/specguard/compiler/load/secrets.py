"""Credential-shaped values in specs are refused: specs are committed, so a secret there leaks.

What counts as a credential is defined once, in :mod:`specguard.diagnostics.redact` (a URL whose
user-info carries a password, a ``password=`` assignment, a vendor token, a private key block, a long
high-entropy run); the same definition masks every printed diagnostic. Messages show the value
masked, never whole, and so does the key path when the credential is a key.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from specguard.compiler.load.yamlsrc import SourceDoc
from specguard.diagnostics import Diagnostic
from specguard.diagnostics.codes import diag
from specguard.diagnostics.redact import find_credential, mask, redact_text

__all__ = ["find_credential", "mask", "scan_document"]

# a tree repeats most of its strings (types, column names, keys) in every file: each is scanned once
_credential = functools.lru_cache(maxsize=16384)(find_credential)


def scan_document(doc: SourceDoc) -> Iterator[Diagnostic]:
    """Every credential-looking string (key or value) in a document."""
    stack: list[tuple[tuple, Any]] = [((), doc.value)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                stack.append((path + (k,), v))
                if isinstance(k, str) and (found := _credential(k)):
                    yield _diag(doc, path + (k,), found, key=True)
        elif isinstance(value, list):
            stack.extend((path + (i,), v) for i, v in enumerate(value))
        elif isinstance(value, str) and (found := _credential(value)):
            yield _diag(doc, path, found)


def _diag(doc: SourceDoc, path: tuple, found: tuple[str, str], key: bool = False) -> Diagnostic:
    kind, masked = found
    # a key path names the keys on the way, and a key may itself be the credential
    where = redact_text(".".join(str(p) for p in path)) or "document"
    what = "a key that" if key else ""
    return diag(
        "SG112",
        f"`{where}` holds {what or 'what'} looks like {kind} ({masked}); credentials never belong in a spec",
        doc.key_span(path) if key else doc.span(path),
        hint="remove it and read the secret from an environment variable at run time; "
        "if this is a false positive, write an obviously fake example value",
    )
