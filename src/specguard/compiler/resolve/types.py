"""Column types and literal defaults: from spec spelling to the IR, with helpful errors."""

from __future__ import annotations

import re
from typing import Any

from specguard.compiler.ir.catalog import BASE_TYPES, ColumnType, canonical_json
from specguard.compiler.resolve.sqlfrag import quote_literal

_TYPE = re.compile(
    r"^\s*(?P<base>[A-Za-z_][A-Za-z0-9_]*(?:\s+precision)?)\s*(?:\(\s*(?P<args>[0-9]+(?:\s*,\s*[0-9]+)?)\s*\))?\s*(?P<array>\[\s*\])?\s*$"
)

# Spellings users reach for, and the type specguard calls them.
ALIASES = {
    "int": "integer",
    "int4": "integer",
    "int8": "bigint",
    "int2": "smallint",
    "serial": "integer",
    "bigserial": "bigint",
    "string": "text",
    "str": "text",
    "bool": "boolean",
    "float": "double precision",
    "float8": "double precision",
    "float4": "real",
    "double": "double precision",
    "decimal": "numeric",
    "datetime": "timestamptz",
    "timestamp with time zone": "timestamptz",
    "character varying": "varchar",
    "char": "varchar",
    "blob": "bytea",
    "binary": "bytea",
    "object": "jsonb",
    "dict": "jsonb",
}

INTEGER_TYPES = ("smallint", "integer", "bigint")
INT_RANGES = {"smallint": 2**15, "integer": 2**31, "bigint": 2**63}
NUMBER_TYPES = INTEGER_TYPES + ("numeric", "real", "double precision")
STRING_TYPES = ("text", "varchar", "uuid", "date", "time", "timestamp", "timestamptz", "interval")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")


class TypeError_(ValueError):
    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


def _valid(enums: set[str]) -> str:
    return "valid types: " + ", ".join(BASE_TYPES) + (", or an enum: " + ", ".join(sorted(enums)) if enums else "")


def parse_type(text: str, enums: set[str]) -> ColumnType:
    """Parse a spec type (``varchar(40)``, ``text[]``, ``MessageRole``), or raise TypeError_."""
    m = _TYPE.match(text or "")
    if not m:
        raise TypeError_(f"`{text}` is not a column type", _valid(enums) + "; append [] for an array")
    base, args_s, array = m.group("base"), m.group("args"), bool(m.group("array"))
    base = re.sub(r"\s+", " ", base)
    args = tuple(int(a) for a in args_s.split(",")) if args_s else ()
    if base in enums:
        if args:
            raise TypeError_(f"the enum type `{base}` takes no arguments")
        return ColumnType(base, (), array, enum=True)
    if base not in BASE_TYPES:
        lowered = base.lower()
        if lowered in BASE_TYPES or lowered in ALIASES:
            canon = lowered if lowered in BASE_TYPES else ALIASES[lowered]
            raise TypeError_(f"unknown type `{base}`", f"did you mean `{canon}`?")
        enum_guess = [e for e in enums if e.lower() == lowered]
        if enum_guess:
            raise TypeError_(f"unknown type `{base}`", f"did you mean the enum `{enum_guess[0]}`? (names are case-sensitive)")
        from specguard.diagnostics.suggest import did_you_mean

        guess = did_you_mean(base, list(BASE_TYPES) + sorted(enums))
        valid = _valid(enums)
        raise TypeError_(f"unknown type `{base}`", f"{guess} {valid}" if guess else valid)
    if base == "varchar":
        if len(args) != 1 or not 1 <= args[0] <= 10_485_760:
            raise TypeError_("varchar needs one length between 1 and 10485760: `varchar(N)`", "or use `text`")
    elif base == "numeric":
        if args:
            p = args[0]
            s = args[1] if len(args) > 1 else 0
            if not 1 <= p <= 1000 or not 0 <= s <= p:
                raise TypeError_("numeric(P,S) needs 1 <= P <= 1000 and 0 <= S <= P")
            args = (p, s)  # numeric(P) is numeric(P,0): one spelling, so the diff and introspection agree
    elif args:
        raise TypeError_(f"the type `{base}` takes no arguments", f"write `{base}`")
    return ColumnType(base, args, array)


def literal_default_sql(value: Any, ctype: ColumnType, enum_values: tuple[str, ...] | None) -> str:
    """The SQL literal for a YAML default, checked against the column type (raise TypeError_)."""
    if ctype.array:
        if not isinstance(value, list):
            raise TypeError_(f"the default of a `{ctype}` column must be a list", "write e.g. `default: []`")
        element = ColumnType(ctype.base, ctype.args, False, ctype.enum)
        items = [_array_item(v, element, enum_values) for v in value]
        return quote_literal("{" + ",".join(items) + "}")
    base = ctype.base
    if base in ("json", "jsonb"):
        return quote_literal(canonical_json(value))
    if value is None:
        raise TypeError_("`default: null` is not needed", "nullable columns default to NULL; remove the default")
    if ctype.enum:
        if not isinstance(value, str) or (enum_values is not None and value not in enum_values):
            raise TypeError_(
                f"`{value}` is not a value of the enum `{base}`",
                "values: " + ", ".join(enum_values or ()),
            )
        return quote_literal(value)
    if base == "boolean":
        if not isinstance(value, bool):
            raise TypeError_(f"the default of a boolean column must be true or false, not `{value}`")
        return "true" if value else "false"
    if base in NUMBER_TYPES:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError_(f"the default of a `{ctype}` column must be a number, not `{value}`")
        if base in INTEGER_TYPES:
            if not isinstance(value, int):
                raise TypeError_(f"the default of a `{ctype}` column must be a whole number, not `{value}`")
            if not -INT_RANGES[base] <= value < INT_RANGES[base]:
                raise TypeError_(f"{value} is out of range for `{base}`", "use bigint or numeric")
        return repr(value) if isinstance(value, float) else str(value)
    if base == "bytea":
        if not isinstance(value, str):
            raise TypeError_("the default of a bytea column must be a string")
        return quote_literal(value)
    if base in STRING_TYPES:
        if not isinstance(value, str):
            raise TypeError_(f"the default of a `{ctype}` column must be a string, not `{value}`",
                             "quote it, or use {sql: ...} for an expression")
        if base == "varchar" and len(value) > ctype.args[0]:
            raise TypeError_(f"the default is {len(value)} characters, longer than varchar({ctype.args[0]})")
        if base == "uuid" and not _UUID.match(value):
            raise TypeError_(f"`{value}` is not a UUID", "use {sql: gen_random_uuid()} for a fresh one")
        return quote_literal(value)
    raise TypeError_(f"no literal default for `{ctype}`")  # pragma: no cover


def _array_item(value: Any, element: ColumnType, enum_values) -> str:
    if isinstance(value, (list, dict)) and element.base not in ("json", "jsonb"):
        raise TypeError_("nested lists are not supported in array defaults")
    literal_default_sql(value, element, enum_values)  # type-checks the element
    if element.base in ("json", "jsonb"):
        # each element of a json[] is a JSON text of its own: a YAML string "a" is the JSON "\"a\""
        text = canonical_json(value)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, float)):
        text = repr(value) if isinstance(value, float) else str(value)
    elif isinstance(value, str):
        text = value
    else:
        text = canonical_json(value)
    # array literal elements are double-quoted with backslash escapes
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
