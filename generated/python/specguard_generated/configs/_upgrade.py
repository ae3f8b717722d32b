"""What the generated upgraders share: the matching of ``map_values`` and the filling of defaults.

Both follow specguard's reference semantics of upgrade steps exactly (a number matches an old value by
its JSON spelling; defaults are filled where a property is absent, and followed into nested objects
that are present).
"""

from __future__ import annotations

import copy
import json
from typing import Any

Plan = dict[str, tuple[bool, Any, "Plan | None"]]  # key -> (has a default, the default, nested plan)


class ConfigVersionError(ValueError):
    """A stored document whose version is missing or not one the config has."""


def matches(value: Any, old: str) -> bool:
    """Whether a document value is the old value a ``map_values`` entry names."""
    if isinstance(value, str):
        return value == old
    if isinstance(value, (bool, int, float)) or value is None:
        return json.dumps(value) == old
    return False


def fill_defaults(doc: Any, plan: Plan | None) -> Any:
    """``doc`` with the planned defaults filled in where keys are absent (nested objects too)."""
    if not isinstance(doc, dict) or plan is None:
        return doc
    out = dict(doc)
    for key, (has_default, default, nested) in plan.items():
        if key not in out:
            if has_default:
                out[key] = copy.deepcopy(default)
        elif nested is not None:
            out[key] = fill_defaults(out[key], nested)
    return out


def fill_document(doc: dict[str, Any], plan: Plan) -> dict[str, Any]:
    """:func:`fill_defaults` of a whole document (an object stays an object)."""
    out: dict[str, Any] = fill_defaults(doc, plan)
    return out


def split_version(data: object, version: int | None, key: str | None, latest: int) -> tuple[dict[str, Any], int]:
    """The document without its version, and the version: ``version`` when the row keeps it in a column,
    else the value under ``key`` inside the document. A version is never guessed: a missing one, or
    one that is not 1 to ``latest``, raises :class:`ConfigVersionError`."""
    if not isinstance(data, dict):
        raise ConfigVersionError(f"a config document is a JSON object, not {type(data).__name__}")
    body = dict(data)
    if version is None:
        if key is None or key not in body:
            raise ConfigVersionError(f"the document has no version (no `{key}` key and no version column value)")
        version = body.pop(key)
    return body, known_version(version, latest)


def known_version(version: object, latest: int) -> int:
    """``version`` when it is one of the config's (an integer 1 to ``latest``; ``True`` is not one),
    else :class:`ConfigVersionError`."""
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= latest:
        raise ConfigVersionError(f"{version!r} is not a version of this config (1 to {latest})")
    return version


def map_value(value: Any, pairs: tuple[tuple[str, Any], ...]) -> Any:
    """``value`` replaced by the new value of the first pair whose old value it is, else unchanged."""
    for old, new in pairs:
        if matches(value, old):
            return copy.deepcopy(new)
    return value
