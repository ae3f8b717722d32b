"""Cache key templates (``"messages:{companionId}:{userId}"``): their parts, their literal prefix, and
the characters a template may hold.

The load-time rules (``resolve/cache``) and the generators (``emit``) read templates through this
module, so that what the rules prove about a template is what the generated runtime relies on:

- The runtime percent-encodes, in every value it puts into a key, each ASCII character that is not a
  letter, a digit, ``_``, ``.`` or ``-`` (``VALUE_SAFE``); characters beyond ASCII are kept, since no
  byte of their UTF-8 form is an ASCII byte. A value therefore never holds a separator, a glob
  character of ``SCAN MATCH`` (``* ? [ ] \\``), ``#`` or a bare ``%``.
- A template's literal text may hold letters, digits, ``_ . -`` and the separators ``SEPARATORS``.
  Glob characters would need escaping in every pattern; ``#`` starts the suffix of a chunk key; ``%``
  is the escape character; spaces and other characters make keys that tools display badly.
- Two placeholders must be separated by literal text holding a separator: ``{a}{b}`` or ``{a}x{b}``
  would give ``("ab", "c")`` and ``("a", "bc")`` the same key.
- A template starts with literal text, its *prefix*: invalidation clears keys by pattern, so every
  policy owns the keys that start with its prefix, and no prefix may be a prefix of another's.
"""

from __future__ import annotations

import re
import string

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
VALUE_SAFE = frozenset(string.ascii_letters + string.digits + "_.-")
SEPARATORS = frozenset(":/|=@,;+!$&~")
LITERAL_SAFE = VALUE_SAFE | SEPARATORS
GLOB = frozenset("*?[]\\")
CHUNK_MARK = "#"


def key_parts(template: str) -> tuple[tuple[str, str], ...]:
    """The template as ``("text", literal)`` and ``("column", name)`` parts, in order, empty text left out.

    Assumes balanced braces (``resolve/cache`` reports a template whose braces do not balance).
    """
    parts: list[tuple[str, str]] = []
    pos = 0
    for m in PLACEHOLDER.finditer(template):
        if m.start() > pos:
            parts.append(("text", template[pos:m.start()]))
        parts.append(("column", m.group(1)))
        pos = m.end()
    if pos < len(template):
        parts.append(("text", template[pos:]))
    return tuple(parts)


def key_columns(template: str) -> tuple[str, ...]:
    """The placeholders of a template, in order of first appearance, each once."""
    return tuple(dict.fromkeys(name for kind, name in key_parts(template) if kind == "column"))


def key_prefix(template: str) -> str:
    """The literal text before the first placeholder (the whole template when it has none)."""
    parts = key_parts(template)
    return parts[0][1] if parts and parts[0][0] == "text" else ""


def bad_literal_character(template: str) -> tuple[int, str] | None:
    """The offset and character of the first character outside placeholders that a template may not hold."""
    pos = 0
    for m in [*PLACEHOLDER.finditer(template), None]:
        end = m.start() if m else len(template)
        for i in range(pos, end):
            if template[i] not in LITERAL_SAFE:
                return i, template[i]
        pos = m.end() if m else end
    return None


def unseparated_placeholders(template: str) -> tuple[str, str] | None:
    """The first two neighbouring placeholders whose literal text between them holds no separator."""
    parts = key_parts(template)
    previous: str | None = None
    between = ""
    for kind, value in parts:
        if kind == "text":
            between += value
            continue
        if previous is not None and not SEPARATORS.intersection(between):
            return previous, value
        previous, between = value, ""
    return None


def invalidation_columns(policy, catalog) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Which keys a write to each model of the policy's ``invalidate_on`` clears, as ``(model, filling)``
    entries, where a filling pairs placeholders with the columns of the written row that fill them.

    A write to the policy's own model fills every placeholder from the same column: one entry. A
    write to another model fills placeholders through each foreign key between the two models (either
    way round), one entry per foreign key, since a key is touched when any of them links it to the
    written row: a write to ``Companion`` (id X) fills ``{companionId}`` of a policy on ``Message``,
    whose ``companionId`` references ``Companion.id``, so only companion X's keys go. A placeholder
    that no foreign key fills stays a wildcard, and a model that no foreign key links clears the
    whole policy: wider is safe, narrower would leave stale data behind. Sorted, without repeats.
    """
    placeholders = key_columns(policy.key)
    out: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    for model in policy.invalidate_on:
        if model == policy.model:
            out.add((model, tuple(sorted((p, p) for p in placeholders))))
            continue
        fillings = _linked(catalog.table(policy.model), catalog.table(model), placeholders)
        out.update((model, f) for f in fillings or [()])
    return tuple(sorted(out))


def _linked(table, written, placeholders: tuple[str, ...]) -> list[tuple[tuple[str, str], ...]]:
    """One filling per foreign key between ``table`` and ``written`` that fills any placeholder."""
    if table is None or written is None:
        return []
    pairs = []  # (placeholder column of table, column of written), one list per foreign key
    pairs += [list(zip(fk.columns, fk.ref_columns)) for fk in table.foreign_keys if fk.ref_table == written.name]
    pairs += [list(zip(fk.ref_columns, fk.columns)) for fk in written.foreign_keys if fk.ref_table == table.name]
    fillings = [tuple(sorted((mine, theirs) for mine, theirs in fk if mine in placeholders)) for fk in pairs]
    return [f for f in fillings if f]
