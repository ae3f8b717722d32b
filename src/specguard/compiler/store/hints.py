"""One function per type hint, made once: how the state and cache codecs walk the IR's dataclasses.

A codec says what to do with its leaves (spans, column types, ``Any``), with a dataclass and with a
tuple; optional values and the memo are the same for all of them. Asking ``typing`` about the same
few hints again for every value was most of the time of reading a 1,000-model catalog.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

Fn = Callable[[Any], Any]


@functools.cache
def field_hints(cls: type) -> dict[str, Any]:
    """The type hints of an IR dataclass's fields, resolved once (its annotations are strings)."""
    from specguard.compiler.ir import catalog as ir

    return typing.get_type_hints(cls, vars(ir))


def identity(value: Any) -> Any:
    return value


def per_hint(leaf: Callable[[Any], Fn | None], dataclass: Callable[[type], Fn],
             tuple_: Callable[[tuple], Fn]) -> Callable[[Any], Fn]:
    """A memoized ``hint -> function``: ``leaf(hint)`` first (None: not a leaf), then a dataclass, an
    optional value (None stays None), a tuple; anything else is passed through unchanged."""
    made: dict[Any, Fn] = {}

    def get(hint: Any) -> Fn:
        fn = made.get(hint)
        if fn is None:
            fn = made[hint] = make(hint)
        return fn

    def make(hint: Any) -> Fn:
        fn = leaf(hint)
        if fn is not None:
            return fn
        if dataclasses.is_dataclass(hint):
            return dataclass(hint)  # type: ignore[arg-type]
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
            item = get(inner)
            return lambda value: None if value is None else item(value)
        if origin is tuple:
            return tuple_(typing.get_args(hint))
        return identity

    return get
