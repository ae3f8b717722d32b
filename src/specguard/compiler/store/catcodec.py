"""A catalog as JSON with every field kept, for the catalog cache (``store/catcache.py``).

state.json (``store/snapshot.py``) keeps only what takes part in equality; a cached catalog must be
the very catalog that resolving the specs gives, spans, descriptions, ``renamed_from`` and YAML
literals included, since diagnostics, carets and generated code read them. Each dataclass is a list
of all its fields in declaration order; a tuple is a list (the type hints say which lists are
tuples); a span is ``[file, line, column]``, the file an index into one list of file names. A value typed ``Any`` (a YAML literal, a config
upgrade's values) is tagged so that lists, tuples and objects come back as they were; a value of a
type JSON cannot hold exactly makes the catalog unencodable (:class:`Unencodable`), and then nothing
is cached.

Decoding is one function per type hint, made once: a 1,000-model catalog is some 40,000 objects,
and the cache is only worth it when decoding costs a small part of resolving.
"""

from __future__ import annotations

import dataclasses
import json
import math
from typing import Any

from specguard.compiler.ir import catalog as ir
from specguard.compiler.store.hints import field_hints, per_hint
from specguard.compiler.store.hints import identity as _identity
from specguard.diagnostics import Span


class Unencodable(ValueError):
    """The catalog holds a value that JSON would not give back exactly."""


def encode_catalog(catalog: ir.Catalog) -> str:
    """The catalog as compact JSON; raises :class:`Unencodable`."""
    files: dict[str, int] = {}
    body = _encode(catalog, ir.Catalog, files)
    return json.dumps({"files": list(files), "catalog": body}, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)


def decode_catalog(text: str) -> ir.Catalog:
    """The catalog :func:`encode_catalog` wrote; raises ValueError (or TypeError, KeyError,
    IndexError) when it is not one."""
    doc = json.loads(text)
    files = doc["files"]
    if not all(type(f) is str for f in files):
        raise ValueError("file names must be strings")
    _FILES[:] = files
    try:
        catalog = _decoder(ir.Catalog)(doc["catalog"])
    finally:
        _FILES.clear()
    if type(catalog) is not ir.Catalog:
        raise ValueError("not a catalog")
    return catalog


_FILES: list[str] = []  # the file names of the catalog being decoded


# --- encoding: one function per type hint, as for decoding -------------------------------------------
# A scalar field is left to json.dumps, which refuses what it cannot write (NaN, an object); a tuple
# field is written as a list whatever it holds, and read back as the tuple its hint says.


def _encode(value: Any, hint: Any, files: dict[str, int]) -> Any:
    _ENC_FILES[0] = files
    try:
        return _encoder(hint)(value)
    finally:
        _ENC_FILES[0] = {}


_ENC_FILES: list[dict[str, int]] = [{}]  # the file names of the catalog being encoded
def _span_out(span: Span) -> list:
    if type(span) is not Span:
        raise Unencodable(f"{type(span).__name__} where a span was expected")
    files = _ENC_FILES[0]
    index = files.get(span.file)
    if index is None:
        if type(span.file) is not str:
            raise Unencodable("a span whose file is not a string")
        index = files[span.file] = len(files)
    return [index, span.line, span.column]


def _tuple_encoder(args: tuple):
    if len(args) == 2 and args[1] is Ellipsis:
        item = _encoder(args[0])
        if item is _identity:
            return _as_list
        return lambda value: [item(v) for v in _as_list(value)]
    items = [_encoder(a) for a in args]

    def fixed(value):
        if len(_as_list(value)) != len(items):
            raise Unencodable("a tuple of another length")
        return [e(v) for e, v in zip(items, value)]
    return fixed


def _as_list(value: Any) -> list:
    if type(value) is not tuple:
        raise Unencodable(f"{type(value).__name__} where a tuple was expected")
    return list(value)


def _dataclass_encoder(cls: type):
    names = tuple(f.name for f in dataclasses.fields(cls))
    encoders = tuple(_encoder(h) for h in _hints(cls))
    special = tuple((i, e) for i, e in enumerate(encoders) if e is not _identity)

    def encode(value):
        if type(value) is not cls:
            raise Unencodable(f"{type(value).__name__} where {cls.__name__} was expected")
        fields = value.__dict__
        row = [fields[n] for n in names]
        for i, e in special:
            if row[i] is not None:
                row[i] = e(row[i])
        return row
    return encode


def _scalar(value: Any) -> Any:
    if value is None or type(value) in (str, bool, int):
        return value
    if type(value) is float and math.isfinite(value):
        return value
    raise Unencodable(f"a value of type {type(value).__name__}")


def _tagged(value: Any) -> Any:
    # a bare scalar stands for itself; a container is a one-key object saying which container it was
    if isinstance(value, tuple) and type(value) is tuple:
        return {"t": [_tagged(v) for v in value]}
    if type(value) is list:
        return {"l": [_tagged(v) for v in value]}
    if type(value) is dict:
        if not all(type(k) is str for k in value):
            raise Unencodable("an object with a key that is not a string")
        return {"d": [[k, _tagged(v)] for k, v in value.items()]}
    return _scalar(value)


def _untagged(data: Any) -> Any:
    if type(data) is not dict:
        return data
    ((tag, items),) = data.items()
    if tag == "t":
        return tuple(_untagged(v) for v in items)
    if tag == "l":
        return [_untagged(v) for v in items]
    if tag == "d":
        return {k: _untagged(v) for k, v in items}
    raise ValueError(f"unknown tag {tag!r}")


# --- decoding ------------------------------------------------------------------------------------------


def _hints(cls: type) -> tuple:
    """The hint of each field, in declaration order (the order of a row)."""
    hints = field_hints(cls)
    return tuple(hints[f.name] for f in dataclasses.fields(cls))


def _span(data: list) -> Span:
    file, line, column = data
    return Span(_FILES[file], line, column)


def _tuple_decoder(args: tuple):
    if len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        if item is _identity:
            return tuple
        return lambda data: tuple([item(v) for v in data])
    items = [_decoder(a) for a in args]
    return lambda data: tuple([d(v) for d, v in zip(items, data, strict=True)])


def _dataclass_decoder(cls: type):
    names = tuple(f.name for f in dataclasses.fields(cls))
    special = tuple((i, d) for i, d in enumerate(map(_decoder, _hints(cls))) if d is not _identity)
    new = object.__new__

    def decode(row: list):
        if len(row) != len(names):
            raise ValueError(f"{cls.__name__} has {len(names)} fields, not {len(row)}")
        values = list(row)
        for i, d in special:
            if values[i] is not None:
                values[i] = d(values[i])
        # the fields are set as the generated __init__ would set them (no dataclass here has a
        # __post_init__), without its per-field object.__setattr__ calls
        obj = new(cls)
        obj.__dict__.update(zip(names, values))
        return obj

    return decode


_encoder = per_hint({Any: _tagged, Span: _span_out}.get, _dataclass_encoder, _tuple_encoder)
_decoder = per_hint({Any: _untagged, Span: _span}.get, _dataclass_decoder, _tuple_decoder)
