"""The fingerprint of what the emitters read beyond the compiled state (see :func:`inputs_fingerprint`).

Its own module, apart from the emitters: every ``check`` computes it, and importing the emitters to
get it cost a pre-commit hook ~10 ms of imports it never used.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from specguard.compiler.ir.catalog import Catalog

_SKIPPED = frozenset({"span", "renamed_from"})  # where an object is written, and a one-off diff instruction


def inputs_fingerprint(catalog: Catalog) -> str:
    """A hash of what the emitters read that the compiled state does not hold: every field of the IR
    left out of equality (descriptions, the literal a default was written as) but the source spans,
    and specguard's version. The compiled state covers the rest, so the two together say whether the
    generated code is what a compile would write now.

    Each such field is hashed as ``\\0<path>\\0<repr>``, in field order, depth first: ``path`` is
    ``.name`` per field and ``/i`` per tuple item (``tests/emit/test_fingerprint.py`` holds this walk
    to that definition, written out generically)."""
    import hashlib

    from specguard import __version__

    h = hashlib.sha256(__version__.encode())
    _walk(catalog, "", h.update)
    return h.hexdigest()


# Per class, its fields as (name, compared): a non-compared field is hashed, a compared one only
# walked into. Made once per class; the generic walk asked `dataclasses` about every value (a third
# of a check --base on 1,000 models).
_PLANS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _plan(cls: type) -> tuple[tuple[str, bool], ...]:
    plan = _PLANS.get(cls)
    if plan is None:
        fields = dataclasses.fields(cls) if dataclasses.is_dataclass(cls) else ()
        plan = _PLANS[cls] = tuple((f.name, f.compare) for f in fields if f.compare or f.name not in _SKIPPED)
    return plan


def _walk(obj: object, path: str, update: Callable[[bytes], None]) -> None:
    if isinstance(obj, tuple):
        for i, item in enumerate(obj):
            if isinstance(item, tuple) or _plan(type(item)):  # a scalar item holds nothing to hash
                _walk(item, f"{path}/{i}", update)
        return
    for name, compared in _plan(type(obj)):
        value = getattr(obj, name)
        if not compared:
            if value is not None:
                update(f"\0{path}.{name}\0{value!r}".encode())
        elif isinstance(value, tuple) or _plan(type(value)):
            _walk(value, f"{path}.{name}", update)
