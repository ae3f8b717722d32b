"""Keywords that pydantic-core enforces itself, in Rust, with exactly JSON Schema's meaning.

``native(...)`` in an ``Annotated`` type sets the bounds, lengths and sizes of a schema on the core
schema of its shape (``int``, ``int | float``, ``str``, ``list[...]``), so a valid value costs no
Python call; ``NOT_NULL`` makes an optional property refuse an explicit null the same way. The
generator sends a keyword here only where the two meanings agree; where pydantic-core is stricter
than JSON Schema (a float that is a whole number for ``integer``, NaN under a bound, a string holding
a lone surrogate, which pydantic-core cannot measure), the value falls back to the Python check of
the same keyword, which alone decides. Every native constraint accepts only what that Python check
accepts: the fallback never lets through a value the keyword refuses.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import SchemaValidator
from pydantic_core import core_schema as cs

# a float and nothing else, checked in Rust (a strict float schema takes integers too, converted): an
# integer that fails its own bounds then costs no Python call on the way to its error
_FLOAT = cs.is_instance_schema(float)

# an integer bound under 2**53 is exact as a float, and no integer (which a strict float schema takes
# and converts) rounds onto a bound under it
_EXACT = 2**53


def _error(message: str) -> Any:
    raise ValueError(message)


@dataclass(frozen=True)
class Native:
    """The native keywords of one schema (``None``: absent)."""

    integer: bool = False  # JSON Schema's integer: 1.0 is one too, held as 1
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    multiple_of: int | None = None  # only an integer factor on integers: exact in both
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return self._apply(handler(source))

    def _apply(self, schema: Any) -> Any:
        kind = schema["type"]
        if kind == "nullable":
            return {**schema, "schema": self._apply(schema["schema"])}
        if kind == "union":
            return {**schema, "choices": [self._choice(c) for c in schema["choices"]]}
        if kind == "int":
            return self._int(schema)
        if kind == "float":
            return self._float(schema)
        if kind == "str":
            return self._str(schema)
        if kind == "list":
            sizes = {"min_length": self.min_items, "max_length": self.max_items}
            return {**schema, **{k: v for k, v in sizes.items() if v is not None}}
        return schema  # bool, null, objects: none of these keywords applies

    def _choice(self, choice: Any) -> Any:
        if isinstance(choice, tuple):
            return (self._apply(choice[0]), choice[1])
        return self._apply(choice)

    # --- numbers ---------------------------------------------------------------------------------

    def _bounds(self) -> list[tuple[str, float, str]]:
        named = (("minimum", ">="), ("exclusive_minimum", ">"), ("maximum", "<="), ("exclusive_maximum", "<"))
        return [(name, getattr(self, name), op) for name, op in named if getattr(self, name) is not None]

    def _int(self, schema: Any) -> Any:
        """Integer bounds, each made exact for integers: ``x >= 1.5`` is ``x >= 2``."""
        core = {**schema, "strict": True}
        for name, bound, _ in self._bounds():
            if name == "minimum":
                core["ge"] = max(core.get("ge", math.ceil(bound)), math.ceil(bound))
            elif name == "exclusive_minimum":
                core["ge"] = max(core.get("ge", math.floor(bound) + 1), math.floor(bound) + 1)
            elif name == "maximum":
                core["le"] = min(core.get("le", math.floor(bound)), math.floor(bound))
            else:
                core["le"] = min(core.get("le", math.ceil(bound) - 1), math.ceil(bound) - 1)
        if self.multiple_of is not None:
            core["multiple_of"] = self.multiple_of
        if not self.integer:
            return core
        # a float that is a whole number is an integer: only such a float, converted, meets the same bounds
        whole = cs.chain_schema([_FLOAT, cs.no_info_plain_validator_function(_whole), dict(core)])
        return self._fallback(core, whole, "an integer")

    def _float(self, schema: Any) -> Any:
        core = {**schema, "strict": True}
        if not self._bounds():
            return core
        for name, bound, _ in self._bounds():
            if abs(bound) >= _EXACT:  # an integer past it could round onto the bound in the float branch
                raise TypeError(f"the bound {bound!r} is too large for a float comparison: check it in Python")
            key = {"minimum": "ge", "exclusive_minimum": "gt", "maximum": "le", "exclusive_maximum": "lt"}[name]
            core[key] = float(bound)
        # NaN compares false with every bound: JSON Schema then lets it through, pydantic-core does not
        return self._fallback(core, cs.chain_schema([_FLOAT, cs.no_info_plain_validator_function(_nan)]), "a number")

    # --- strings ---------------------------------------------------------------------------------

    def _str(self, schema: Any) -> Any:
        lengths = {"min_length": self.min_length, "max_length": self.max_length}
        core = {**schema, "strict": True, **{k: v for k, v in lengths.items() if v is not None}}
        if self.min_length is None and self.max_length is None:
            return core
        # pydantic-core cannot count the characters of a string with a lone surrogate: Python can
        return self._fallback(core, cs.no_info_plain_validator_function(self._measure), "a string")

    def _measure(self, value: Any) -> Any:
        if not isinstance(value, str):
            return _error("must be a string")
        if self.min_length is not None and len(value) < self.min_length:
            return _error(f"must have at least {self.min_length} characters")
        if self.max_length is not None and len(value) > self.max_length:
            return _error(f"must have at most {self.max_length} characters")
        return value

    def _fallback(self, core: Any, python: Any, kind: str) -> Any:
        """``core``, or else ``python`` (only reached by a value ``core`` refuses), with one error."""
        return cs.union_schema([core, python], mode="left_to_right", custom_error_type="json_schema",
                               custom_error_message=self._message(kind))

    def _message(self, kind: str) -> str:
        """``must be an integer >= 1 and <= 5``, ``must be a string of at most 40 characters``."""
        parts = [f"{op} {bound!r}" for _, bound, op in self._bounds()]
        if self.multiple_of is not None:
            parts.append(f"a multiple of {self.multiple_of}")
        if self.min_length is not None:
            parts.append(f"of at least {_chars(self.min_length)}")
        if self.max_length is not None:
            parts.append(f"of at most {_chars(self.max_length)}")
        return " ".join([f"must be {kind}", " and ".join(parts)]).strip()


def _chars(n: int) -> str:
    return f"{n} character" + ("" if n == 1 else "s")


def _whole(value: Any) -> Any:
    """A float with no fractional part as the integer it is (an int, or anything else, is refused:
    converting an int through a float could round it)."""
    return int(value) if isinstance(value, float) and value.is_integer() else _error("must be an integer")


def _nan(value: Any) -> Any:
    return value if isinstance(value, float) and math.isnan(value) else _error("is out of bounds")


def native(**keywords: Any) -> Native:
    """The native keywords of one schema, as ``Annotated`` metadata placed before its ``check(...)``."""
    return Native(**keywords)


@dataclass(frozen=True)
class _NotNull:
    """An optional property whose schema refuses null: absent is None, an explicit null is refused."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        schema = handler(source)
        if schema["type"] == "nullable":
            return schema["schema"]
        return cs.no_info_before_validator_function(_not_null, schema)


def _not_null(value: Any) -> Any:
    return _error("null is not allowed here") if value is None else value


NOT_NULL = _NotNull()


# --- validation without models ---------------------------------------------------------------------

# the keys of a core schema whose values are data or code, never a schema to walk
_OPAQUE = frozenset({"metadata", "default", "default_factory", "expected", "cls", "config", "function",
                     "serialization", "ref", "model_name"})


def validity(model: Any) -> Callable[[Any], bool]:
    """Whether a document is valid under a generated model, without building the model: the model's
    own core schema with every model node replaced by its fields (each with its model's strictness and
    extra-key rule), so every check is the one ``model_validate`` runs and the verdict is the same."""
    return SchemaValidator(_fields_only(model.__pydantic_core_schema__), {"strict": True}).isinstance_python


def _fields_only(node: Any) -> Any:
    if isinstance(node, (list, tuple)):
        return type(node)(_fields_only(n) for n in node)
    if not isinstance(node, dict):
        return node
    out = {k: v if k in _OPAQUE else _fields_only(v) for k, v in node.items() if k != "fields"}
    if "fields" in node:  # field names are data: one called "type" or "default" is still a field
        out["fields"] = {name: _fields_only(field) for name, field in node["fields"].items()}
    if node.get("type") != "model":
        return out
    inner = dict(out["schema"])
    config = node.get("config") or {}
    if inner.get("type") == "model-fields":
        inner["extra_behavior"] = config.get("extra_fields_behavior", "ignore")
        inner["strict"] = bool(config.get("strict", False))
    if "ref" in node:
        inner["ref"] = node["ref"]
    return inner
