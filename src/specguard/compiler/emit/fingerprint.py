"""The fingerprint of what the emitters read beyond the compiled state (see :func:`inputs_fingerprint`).

Its own module, apart from the emitters: every ``check`` computes it, and importing the emitters to
get it cost a pre-commit hook ~10 ms of imports it never used.
"""

from __future__ import annotations

from specguard.compiler.ir.catalog import Catalog


def inputs_fingerprint(catalog: Catalog) -> str:
    """A hash of what the emitters read that the compiled state does not hold: every field of the IR
    left out of equality (descriptions, the literal a default was written as) but the source spans,
    and specguard's version. The compiled state covers the rest, so the two together say whether the
    generated code is what a compile would write now."""
    import hashlib

    from specguard import __version__

    h = hashlib.sha256(__version__.encode())
    for path, value in _presentation(catalog, ""):
        h.update(f"\0{path}\0{value!r}".encode())
    return h.hexdigest()


_SKIPPED = frozenset({"span", "renamed_from"})  # where an object is written, and a one-off diff instruction


def _presentation(obj, path: str):
    import dataclasses

    if isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _presentation(item, f"{path}/{i}")
        return
    if not dataclasses.is_dataclass(obj):
        return
    for f in _fields(type(obj)):
        value = getattr(obj, f.name)
        if not f.compare:
            if f.name not in _SKIPPED and value is not None:
                yield f"{path}.{f.name}", value
        elif isinstance(value, tuple) or dataclasses.is_dataclass(value):
            yield from _presentation(value, f"{path}.{f.name}")


_FIELDS: dict[type, tuple] = {}


def _fields(cls: type) -> tuple:
    import dataclasses

    if cls not in _FIELDS:
        _FIELDS[cls] = dataclasses.fields(cls)
    return _FIELDS[cls]
