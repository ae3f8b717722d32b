"""One column of a row model as a pydantic field: its annotation, its default, and whether the insert
model has it.

Annotations name types of the package's ``rows/_types.py`` (``_types.BigInt``, ``_types.Jsonb``),
the standard library under private aliases (``_uuid.UUID``, ``_dt.timedelta``) so that no column name
can shadow them, enums of ``rows/_enums.py`` and, for a jsonb column governed by a config, the
config's latest model.
"""

from __future__ import annotations

import hashlib
import keyword
from dataclasses import dataclass, field
from decimal import Decimal

from specguard.compiler.emit.python.checks import Bound
from specguard.compiler.emit.python.source import WIDTH, Call, Code, Union, flat, py_literal
from specguard.compiler.ir.catalog import DEFAULT_VERSION_KEY, Column, ConfigVersionAt

_BASE = {
    "smallint": "_types.SmallInt", "integer": "_types.Integer", "bigint": "_types.BigInt",
    "numeric": "_types.Numeric", "real": "_types.Real", "double precision": "_types.Double",
    "boolean": "bool", "uuid": "_uuid.UUID", "date": "_dt.date", "time": "_types.Time",
    "timestamp": "_types.Timestamp", "timestamptz": "_types.TimestampTz", "interval": "_dt.timedelta",
    "text": "_types.Text", "varchar": "_types.Text", "json": "_types.Json", "jsonb": "_types.Jsonb", "bytea": "bytes",
}
# Literal defaults with an exact Python value; the others (uuid, dates, times, bytea) are PostgreSQL
# text that the database parses, so the database fills them in.
_PYTHON_DEFAULTS = frozenset({"smallint", "integer", "bigint", "numeric", "real", "double precision", "boolean",
                              "text", "varchar", "json", "jsonb"})
# Names a field may not take: attributes of pydantic.BaseModel (besides every name starting with
# model_), and the builtins that annotations use (a field `list = ...` would hide `list` from the
# annotations after it in the class body).
_TAKEN = frozenset({"construct", "copy", "dict", "from_orm", "json", "parse_file", "parse_obj", "parse_raw",
                    "schema", "schema_json", "update_forward_refs", "validate",
                    "bool", "bytes", "float", "int", "list", "object", "str"})


@dataclass
class Context:
    """What a table's fields need from the rest of the catalog, and the imports they use."""

    enum_names: dict[str, str]  # enum -> its Python name in _enums
    used: set[str] = field(default_factory=set)  # module aliases the fields use: "_uuid", "_enums", ...
    configs: set[str] = field(default_factory=set)  # configs whose model the fields use
    # loader function -> (config, the key its documents keep their version under, or the field of the
    # version column when they keep it there)
    loaders: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    # config column's field name and column name -> (its loader, the version column's field and column names)
    versioned_by_column: list[tuple[str, str, str, str, str]] = field(default_factory=list)


def loader_name(col: Column, ctx: Context) -> str:
    """The function that loads ``col``'s stored documents: ``_load_<config>`` when they keep their
    version under the default key, a loader of the column's own otherwise; registered in ``ctx``."""
    where = col.config_version or ConfigVersionAt(key=DEFAULT_VERSION_KEY)
    config = col.config or ""
    if where.key == DEFAULT_VERSION_KEY:
        name = f"_load_{config}"
    else:
        name = f"_load_{field_name(col.name)}_document"
    ctx.loaders[name] = (config, where.key, None if where.column is None else field_name(where.column))
    if where.column is None:
        return name
    entry = (field_name(col.name), col.name, name, field_name(where.column), where.column)
    if entry not in ctx.versioned_by_column:
        ctx.versioned_by_column.append(entry)
    return name + "_field"


def pascal(name: str) -> str:
    """A config's model name: ``personality_config`` -> ``PersonalityConfig``."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def config_alias(config: str) -> str:
    """The name a row module imports a config's module as: ``_personality_config``; a long name is
    shortened with a hash, so that every line that names it stays within the line length."""
    if len(config) <= 30:
        return f"_{config}"
    return f"_{config[:20]}_{hashlib.sha256(config.encode()).hexdigest()[:8]}"


def field_name(column: str) -> str:
    """The Python name of a column's field: the column's, or with ``_`` appended where it would clash."""
    clash = keyword.iskeyword(column) or column.startswith("model_") or column in _TAKEN
    return column + "_" if clash else column


def has_python_default(col: Column) -> bool:
    """Whether the column's default is a YAML literal with an exact Python value."""
    d = col.default
    return d is not None and d.literal is not None and (col.type.enum or col.type.base in _PYTHON_DEFAULTS)


def database_fills(col: Column) -> bool:
    """Whether an insert leaves the column to the database: a SQL default, or a literal that PostgreSQL
    parses (a uuid, a date, ...)."""
    return col.default is not None and not has_python_default(col)


_NO_DEFAULT = object()


def annotation(col: Column, bounds: list[Bound], ctx: Context) -> object:
    """The field's type, as a source node (``source.Call``, ``Union``, ``Code``)."""
    head, meta = _element(col, ctx)
    if col.type.array:
        ann = Call("list", (Union((_annotated(head, meta, ctx), Code("None"))),), brackets="[]")
    else:
        ann = _annotated(head, meta + [_check(b, ctx) for b in bounds], ctx)
    return Union((ann, Code("None"))) if col.nullable else ann


def _element(col: Column, ctx: Context) -> tuple[Code, list[Call]]:
    t = col.type
    if col.config:
        ctx.configs.add(col.config)
        ctx.used.add("_pd")
        loader = Call("_pd.BeforeValidator", (Code(loader_name(col, ctx)),))
        return Code(f"{config_alias(col.config)}.{pascal(col.config)}"), [loader]
    if t.enum:
        ctx.used.add("_enums")
        return Code(f"_enums.{ctx.enum_names[t.base]}"), []
    head = _BASE[t.base]
    if "." in head:
        ctx.used.add(head.partition(".")[0])
    if t.base == "varchar":
        return Code(head), [Call("_types.varchar", (t.args[0],))]
    if t.base == "numeric" and t.args:
        return Code(head), [Call("_types.numeric", t.args)]
    return Code(head), []


def _check(bound: Bound, ctx: Context) -> Call:
    if isinstance(bound.value, Decimal):
        ctx.used.add("_decimal")
    return Call("_types.check", (bound.check, bound.op, bound.value))


def _annotated(head: Code, meta: list[Call], ctx: Context) -> object:
    if not meta:
        return head
    ctx.used.add("_typing")
    return Call("_typing.Annotated", (head, *meta), brackets="[]")


def default_value(col: Column, ctx: Context) -> object:
    """The field's default: the YAML literal as a value of the column's Python type, None for a
    nullable column, else ``_NO_DEFAULT`` (required). Lists and mappings are plain defaults too:
    pydantic copies a mutable default for each instance, and mypy types the literal by the field's
    annotation (a ``default_factory`` lambda it would type on its own)."""
    if has_python_default(col):
        return _python(col.default.literal, col, ctx)
    return None if col.nullable else _NO_DEFAULT


def _python(value: object, col: Column, ctx: Context) -> object:
    if isinstance(value, list) and col.type.array:
        return [_python(v, col, ctx) for v in value]
    if col.type.base in ("json", "jsonb") or value is None or isinstance(value, (bool, str)):
        return value
    if col.type.base == "numeric":
        ctx.used.add("_decimal")
        return Decimal(str(value))
    if col.type.base in ("real", "double precision"):
        return float(value)
    return value


def render_field(name: str, col: Column, ann: object, default: object, ctx: Context) -> str:
    """The field's line(s) in a class body (indented by four spaces), wrapped where too long."""
    kwargs = [(k, v) for k, v in (("alias", col.name if name != col.name else None),
                                  ("description", (col.description or "").strip() or None),
                                  ("deprecated", col.deprecated)) if v is not None]
    value = default
    if kwargs:
        ctx.used.add("_pd")
        value = Call("_pd.Field", () if default is _NO_DEFAULT else (default,), tuple(kwargs))
    head = f"    {name}: "
    tail = "" if value is _NO_DEFAULT else " = " + flat(value)
    if len(head) + len(flat(ann)) + len(tail) <= WIDTH + 4:
        return head + flat(ann) + tail
    text = head + py_literal(ann, 4, len(head) + min(len(tail), 40))  # a short default stays on its line
    if value is not _NO_DEFAULT:
        text += " = " + py_literal(value, 4, len(text.rsplit("\n", 1)[-1]) + 3)
    return text
