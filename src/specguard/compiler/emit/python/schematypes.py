"""One JSON Schema (2020-12) compiled into Python type expressions, models and keyword checks.

Every schema object becomes an annotation: a strict Pydantic type for its shape (``str``, ``int``,
``int | float``, ``bool``, ``None``, ``list[...]``, a model class, a ``Literal``); the keywords that
pydantic-core enforces with JSON Schema's meaning as constraints of that shape, checked in Rust
(``Annotated[int, rt.native(integer=True, minimum=1)]``); every other keyword as a check of ``_checks``
run on the raw value first (``Annotated[str, rt.check(rt.pattern("^a"))]``). Together they accept
exactly what the schema accepts: the checks are type-guarded as the keywords are, and the shape is
never narrower than the schema. Subschemas that a check validates against get a lazy
``TypeAdapter`` (``lambda: _V2_S1``), so a schema may refer to itself through ``$ref``.

The schema must hold only the keywords of ``ir.schemakeywords`` (refused earlier, when specs resolve).
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from typing import Any

from specguard.compiler.emit.python.schemachecks import ANY, checks_of, model_checks
from specguard.compiler.emit.python.source import literal
from specguard.compiler.ir.schemakeywords import ANNOTATIONS, json_types, resolve_ref

_TYPE_ORDER = ("object", "array", "string", "number", "integer", "boolean", "null")
_RESERVED = frozenset({"model_config", "model_fields", "model_computed_fields", "checks_", "copy", "dict", "json",
                       "schema", "construct", "validate", "fields", "parse_obj", "parse_raw", "parse_file",
                       "from_orm", "update_forward_refs", "schema_json"})


@dataclass
class ModelClass:
    name: str
    fields: list[str]  # source lines of the body (fields)
    extra: str = "forbid"  # forbid | allow
    extra_type: str | None = None
    checks: list[str] = field(default_factory=list)
    description: str | None = None


@dataclass
class Compiled:
    """What one schema compiles to; ``root`` is the annotation (or class name) of the whole schema."""

    root: str
    root_is_model: bool
    classes: list[ModelClass]
    aliases: list[tuple[str, str, list[str]]]  # (name, shape, checks), in definition order
    adapters: list[tuple[str, str]]  # (name, annotation)


class SchemaCompiler:
    """Compiles one schema; ``prefix`` names its classes (``PersonalityConfigV2``), ``tag`` its private
    helpers (``_V2``)."""

    def __init__(self, root: Any, prefix: str, tag: str):
        self.root, self.prefix, self.tag = root, prefix, tag
        self.classes: list[ModelClass] = []
        self.aliases: list[tuple[str, str, list[str]]] = []
        self._ann_of: dict[int, str] = {}
        self.adapters: list[tuple[str, str]] = []
        self._class_of: dict[int, str] = {}
        self._adapter_of: dict[Any, str] = {}
        self._inlining: set[int] = set()
        self._names: set[str] = set()

    def compile(self) -> Compiled:
        if self._is_model(self.root):
            name = self._model(self.root, self.prefix)
            return Compiled(name, True, self.classes, self.aliases, self.adapters)
        return Compiled(self.annotation(self.root, "root"), False, self.classes, self.aliases, self.adapters)

    # --- annotations ---------------------------------------------------------------------------

    def annotation(self, schema: Any, hint: str) -> str:
        """The Python type of a value valid under ``schema`` (checks included)."""
        if schema is True or schema == {}:
            return ANY
        if schema is False:
            return self._alias(hint, ANY, ["rt.never"])
        if self._only(schema, "$ref"):
            return self._ref_annotation(schema["$ref"], hint)
        if id(schema) in self._ann_of:
            return self._ann_of[id(schema)]
        if id(schema) in self._inlining:  # a schema reached again through itself: validate lazily
            return self._alias(hint, ANY, [f"rt.ref({self.sub(schema, hint)})"])
        self._inlining.add(id(schema))
        try:
            base, checks = self._shape(schema, hint), self._checks(schema, hint)
        finally:
            self._inlining.discard(id(schema))
        self._ann_of[id(schema)] = self._alias(hint, base, checks) if checks else base
        return self._ann_of[id(schema)]

    def sub(self, schema: Any, hint: str) -> str:
        """A lazy adapter of ``schema`` for a check: ``lambda: _V2_S3``."""
        key: Any = id(schema) if isinstance(schema, dict) else ("bool", schema)
        if key not in self._adapter_of:
            name = f"_{self.tag}_S{len(self.adapters) + 1}"
            self._adapter_of[key] = name
            self.adapters.append((name, ""))  # reserve the slot: the annotation may refer back to it
            index = len(self.adapters) - 1
            # compile the schema in full here, even if it is being compiled further up: its inner
            # references then come back to this adapter instead of to themselves
            inlining = isinstance(schema, dict) and id(schema) in self._inlining
            self._inlining.discard(id(schema))
            try:
                self.adapters[index] = (name, self.annotation(schema, hint))
            finally:
                if inlining:
                    self._inlining.add(id(schema))
        return f"lambda: {self._adapter_of[key]}"

    def _ref_annotation(self, ref: str, hint: str) -> str:
        target = resolve_ref(self.root, ref)
        if self._is_model(target):
            return self._model(target, self.prefix + _pascal(ref.rsplit("/", 1)[-1]))
        return self.annotation(target, hint)

    def _alias(self, hint: str, shape: str, checks: list[str]) -> str:
        name = self._unique(f"_{self.tag}_{_snake(hint)}")
        self.aliases.append((name, shape, checks))
        return name

    def _unique(self, name: str) -> str:
        base, i = name, 2
        while name in self._names:
            name, i = f"{base}{i}", i + 1
        self._names.add(name)
        return name

    # --- shape -----------------------------------------------------------------------------------

    def _shape(self, schema: dict, hint: str) -> str:
        if "enum" in schema or "const" in schema:
            return self._literal(schema)
        types = json_types(schema)
        if types is None:
            return self._combinator_shape(schema, hint) or ANY
        parts = []
        for t in _TYPE_ORDER:
            if t in types and not (t == "integer" and "number" in types):
                parts.append(self._type_shape(t, schema, hint))
        return " | ".join(parts)

    def _combinator_shape(self, schema: dict, hint: str) -> str | None:
        """A schema that is only ``anyOf``/``oneOf`` (a union) or a single ``allOf`` branch."""
        for key in ("anyOf", "oneOf"):
            if self._only(schema, key):
                branches = dict.fromkeys(self.annotation(b, f"{hint}_{i}") for i, b in enumerate(schema[key]))
                return ANY if ANY in branches else " | ".join(branches)
        if self._only(schema, "allOf") and len(schema["allOf"]) == 1:
            return self.annotation(schema["allOf"][0], hint)
        return None

    def _type_shape(self, t: str, schema: dict, hint: str) -> str:
        if t == "object":
            if self._is_model(schema):
                return self._model(schema, self.prefix + _pascal(hint))
            extra = schema.get("additionalProperties")
            if "patternProperties" not in schema and isinstance(extra, dict):
                return f"dict[str, {self.annotation(extra, hint + '_value')}]"
            return f"dict[str, {ANY}]"
        if t == "array":
            items = schema.get("items")
            if "prefixItems" in schema or items is None or items is False:
                return f"list[{ANY}]"
            return f"list[{self.annotation(items, hint + '_item')}]"
        return {"string": "str", "number": "int | float", "integer": "int", "boolean": "bool", "null": "None"}[t]

    def _literal(self, schema: dict) -> str:
        values = schema["enum"] if "enum" in schema else [schema["const"]]
        types = json_types(schema)
        values = [v for v in values if types is None or _json_type(v) & types]
        kinds = {type(v) for v in values}
        if not values or not kinds <= {str, int, bool, type(None)} or {int, bool} <= kinds:
            return ANY  # floats, lists, objects, or 1 beside true: the enum check alone decides
        return "Literal[" + ", ".join(literal(v) for v in dict.fromkeys(values)) + "]"

    # --- models ----------------------------------------------------------------------------------

    def _is_model(self, schema: Any) -> bool:
        return isinstance(schema, dict) and json_types(schema) in ({"object"},) and "properties" in schema and \
            "enum" not in schema and "const" not in schema

    def _model(self, schema: dict, wanted: str) -> str:
        if id(schema) in self._class_of:
            return self._class_of[id(schema)]
        name = self._unique(wanted)
        self._class_of[id(schema)] = name
        cls = ModelClass(name, [], description=schema.get("description") or schema.get("title"))
        self.classes.append(cls)
        self._inlining.add(id(schema))
        try:
            self._model_fields(cls, schema)
            where = name[len(self.prefix):] or "root"
            cls.checks = self._checks(schema, where) + model_checks(self, schema, where)
        finally:
            self._inlining.discard(id(schema))
        return name

    def _model_fields(self, cls: ModelClass, schema: dict) -> None:
        required = set(schema.get("required", []))
        taken: set[str] = set()
        where = cls.name[len(self.prefix):]
        for key, sub in schema["properties"].items():
            pyname = _field_name(key, taken)
            hint = f"{where}_{key}"
            ann = self.annotation(sub, hint)
            alias = "" if pyname == key else f'alias={literal(key)}'
            if key in required:
                cls.fields.append(f"{pyname}: {ann}" + (f" = Field({alias})" if alias else ""))
                continue
            if self._usable_default(sub):
                cls.fields.append(f"{pyname}: {ann} = " + _default_source(sub["default"], alias))
                continue
            opt = self._optional(sub, ann, hint)
            cls.fields.append(f"{pyname}: {opt} = " + (f"Field(default=None, {alias})" if alias else "None"))
        extra = schema.get("additionalProperties", True)
        if extra is False and "patternProperties" not in schema:
            cls.extra = "forbid"
        else:
            cls.extra = "allow"
            if isinstance(extra, dict) and "patternProperties" not in schema:
                cls.extra_type = self.annotation(extra, f"{where}_extra")

    def _usable_default(self, schema: Any) -> bool:
        """Whether an optional property's ``default`` can be the field's value when the key is absent:
        only a default its own schema accepts (JSON Schema does not require that), so an absent key never
        turns a valid document into an invalid model. Reading ``config.verbosity`` then gives the default
        the schema declares, as the upgraders write it, instead of None."""
        if not isinstance(schema, dict) or "default" not in schema:
            return False
        from jsonschema import Draft202012Validator

        return Draft202012Validator(self.root).evolve(schema=schema).is_valid(schema["default"])

    def _optional(self, schema: Any, ann: str, hint: str) -> str:
        """An optional property: None when absent; an explicit null only where the schema allows it."""
        types = json_types(schema) if isinstance(schema, dict) else None
        nullable = ann if ann == "None" or ann.endswith(" | None") else f"{ann} | None"
        if isinstance(schema, dict) and types is not None and "null" not in types:
            return self._alias(hint + "_opt", nullable, ["rt.NOT_NULL"])
        if schema is True or schema == {}:
            return ann
        if types is not None and "enum" not in schema and "const" not in schema:
            return ann  # null is one of its types: its shape holds None, and an explicit null is checked by it
        return self._alias(hint + "_opt", nullable, [f"rt.null_allowed({self.sub(schema, hint)})"])

    # --- checks ----------------------------------------------------------------------------------

    def _checks(self, schema: dict, hint: str) -> list[str]:
        return checks_of(self, schema, hint)

    def _only(self, schema: Any, key: str) -> bool:
        """Whether ``key`` is the only keyword of ``schema`` that asserts anything."""
        return isinstance(schema, dict) and key in schema and all(k == key or k in ANNOTATIONS or k in ("$defs", "definitions")
                                                                  for k in schema)


def _json_type(value: Any) -> set[str]:
    if value is None:
        return {"null"}
    if isinstance(value, bool):
        return {"boolean"}
    if isinstance(value, int) or isinstance(value, float) and value.is_integer():
        return {"integer", "number"}
    if isinstance(value, float):
        return {"number"}
    return {"string"} if isinstance(value, str) else {"array"} if isinstance(value, list) else {"object"}


def _field_name(key: str, taken: set[str]) -> str:
    name = re.sub(r"\W", "_", key, flags=re.ASCII)
    if not name or name[0].isdigit() or name.startswith("_"):
        name = "f_" + name.lstrip("_")
    if keyword.iskeyword(name) or name in _RESERVED or name.startswith("model_"):
        name += "_"
    while name in taken:
        name += "_"
    taken.add(name)
    return name


def _pascal(text: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[^A-Za-z0-9]+", text) if p) or "Item"


def _snake(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_") or "value"


def _default_source(default: Any, alias: str) -> str:
    """The right-hand side of a field with a default: an object default is validated into its model."""
    extra = f", {alias}" if alias else ""
    if isinstance(default, (dict, list)) and default:
        return f"Field(default={literal(default)}, validate_default=True{extra})"
    if isinstance(default, (dict, list)):  # a fresh empty one from a builtin, not a deep copy of a shared one
        return f"Field(default_factory={type(default).__name__}{extra})"
    return f"Field(default={literal(default)}{extra})" if alias else literal(default)
