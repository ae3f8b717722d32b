"""The IR: an immutable, name-sorted catalog of everything the specs declare.

Every object is a frozen dataclass. Spans, descriptions and other presentation-only fields are
excluded from equality (``compare=False``), so two catalogs built from differently formatted specs,
or one read back from the compiled snapshot (which has no spans), compare equal when they declare
the same schema. SQL fragments are held in canonical form (see ``sqlfrag``), never as the user typed
them.

Nothing here imports beyond the standard library: the ``check`` path loads this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from specguard.diagnostics import Span

# Canonical base type names, in the spelling specs use. ``TYPE_SQL`` maps each to the SQL spelling
# emitted in DDL, ``TYPE_PG`` to what PostgreSQL's format_type() reports (used by introspection).
BASE_TYPES: tuple[str, ...] = (
    "text",
    "varchar",
    "smallint",
    "integer",
    "bigint",
    "numeric",
    "real",
    "double precision",
    "boolean",
    "uuid",
    "date",
    "time",
    "timestamp",
    "timestamptz",
    "interval",
    "json",
    "jsonb",
    "bytea",
)

TYPE_SQL: dict[str, str] = {t: t for t in BASE_TYPES}

TYPE_PG: dict[str, str] = {
    "text": "text",
    "varchar": "character varying",
    "smallint": "smallint",
    "integer": "integer",
    "bigint": "bigint",
    "numeric": "numeric",
    "real": "real",
    "double precision": "double precision",
    "boolean": "boolean",
    "uuid": "uuid",
    "date": "date",
    "time": "time without time zone",
    "timestamp": "timestamp without time zone",
    "timestamptz": "timestamp with time zone",
    "interval": "interval",
    "json": "json",
    "jsonb": "jsonb",
    "bytea": "bytea",
}

ON_DELETE_ACTIONS: tuple[str, ...] = ("cascade", "restrict", "set_null", "no_action")
INDEX_METHODS: tuple[str, ...] = ("btree", "gin", "gist", "brin", "hash")


def canonical_json(value: Any) -> str:
    """The one JSON spelling of a value in the IR: sorted keys, no spaces, UTF-8 kept."""
    import json

    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def quote_ident(name: str) -> str:
    """Double-quote an identifier for SQL; the only way identifiers reach generated SQL."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class ColumnType:
    """A column type. ``base`` is a name from BASE_TYPES, or an enum's name when ``enum`` is set."""

    base: str
    args: tuple[int, ...] = ()  # varchar(N) -> (N,); numeric(P,S) -> (P, S); numeric(P) -> (P,)
    array: bool = False
    enum: bool = False

    def spec(self) -> str:
        """The spelling a spec uses: ``varchar(40)``, ``text[]``, ``MessageRole``."""
        s = self.base
        if self.args:
            s += "(" + ",".join(str(a) for a in self.args) + ")"
        return s + ("[]" if self.array else "")

    def sql(self) -> str:
        """The SQL spelling for DDL; enum names are quoted."""
        s = quote_ident(self.base) if self.enum else TYPE_SQL[self.base]
        if self.args:
            s += "(" + ",".join(str(a) for a in self.args) + ")"
        return s + ("[]" if self.array else "")

    def __str__(self) -> str:
        return self.spec()


@dataclass(frozen=True)
class Default:
    """A column default. ``sql`` is the canonical SQL expression (see sqlfrag.canonical_default)."""

    sql: str
    volatile: bool = False  # true when it calls a VOLATILE function (gen_random_uuid(), random())
    literal: Any = field(default=None, compare=False)  # the YAML literal it came from, if any


DEFAULT_VERSION_KEY = "$version"  # where a config column's documents keep their version unless told otherwise


@dataclass(frozen=True)
class ConfigVersionAt:
    """Where a config column's documents record their version: a ``key`` inside each document, or an
    integer ``column`` of the same row. Exactly one is set; the version is never guessed."""

    key: str | None = None
    column: str | None = None

    def describe(self) -> str:
        return f"key {self.key!r}" if self.key is not None else f"column {self.column}"


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    nullable: bool = False
    default: Default | None = None
    config: str | None = None  # name of the kind: config governing a jsonb column
    deprecated: str | None = None  # reason; a deprecated column is always nullable
    renamed_from: str | None = field(default=None, compare=False)
    description: str | None = field(default=None, compare=False)
    span: Span | None = field(default=None, compare=False)
    config_version: ConfigVersionAt | None = None  # where the documents keep their version: set when ``config`` is


@dataclass(frozen=True)
class PrimaryKey:
    name: str  # constraint name, PostgreSQL's default "<table>_pkey" unless shortened
    columns: tuple[str, ...]
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ForeignKey:
    name: str
    columns: tuple[str, ...]
    ref_table: str
    ref_columns: tuple[str, ...]
    on_delete: str = "no_action"  # one of ON_DELETE_ACTIONS
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Unique:
    name: str
    columns: tuple[str, ...]
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Check:
    name: str
    expression: str  # canonical SQL expression
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Index:
    name: str
    columns: tuple[str, ...]
    using: str = "btree"  # one of INDEX_METHODS
    where: str | None = None  # canonical SQL predicate of a partial index
    unique: bool = False
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Table:
    """One ``kind: model``. Columns keep their declared order; constraint tuples are name-sorted."""

    name: str
    columns: tuple[Column, ...]
    primary_key: PrimaryKey | None = None
    foreign_keys: tuple[ForeignKey, ...] = ()
    uniques: tuple[Unique, ...] = ()
    checks: tuple[Check, ...] = ()
    indexes: tuple[Index, ...] = ()
    critical: bool = False
    renamed_from: str | None = field(default=None, compare=False)
    description: str | None = field(default=None, compare=False)
    span: Span | None = field(default=None, compare=False)

    def column(self, name: str) -> Column | None:
        for c in self.columns:
            if c.name == name:
                return c
        return None

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True)
class Enum:
    name: str
    values: tuple[str, ...]  # declaration order is meaningful (PostgreSQL sorts enums by it)
    renamed_from: str | None = field(default=None, compare=False)
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ConfigUpgrade:
    """How documents of version N-1 become version N."""

    rename: tuple[tuple[str, str], ...] = ()  # (old key, new key), sorted
    remove: tuple[str, ...] = ()
    map_values: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()  # key -> ((old, new), ...)
    set: tuple[tuple[str, Any], ...] = ()  # key -> value written unconditionally


COMPATIBILITY_MODES: tuple[str, ...] = (
    "backward", "backward_transitive", "forward", "forward_transitive", "full", "full_transitive", "none",
)


@dataclass(frozen=True)
class ConfigVersion:
    name: str
    version: int
    schema_json: str  # the JSON Schema, canonical JSON (sorted keys, compact)
    upgrade: ConfigUpgrade | None = None
    description: str | None = field(default=None, compare=False)
    span: Span | None = field(default=None, compare=False)
    # how this version is judged against the earlier ones when it is added (one of COMPATIBILITY_MODES);
    # it says how the version was admitted, not what it is, so changing it later edits nothing released
    compatibility: str = field(default="backward", compare=False)
    # where each schema location is written: (JSON pointer such as "#/properties/tone/enum", span)
    spans: tuple[tuple[str, Span], ...] = field(default=(), compare=False, repr=False)

    @property
    def schema(self) -> dict:
        import json

        return json.loads(self.schema_json)

    def schema_span(self, pointer: str) -> Span | None:
        """Where ``pointer`` (or its nearest written ancestor) is in the spec; else the version's name."""
        places = dict(self.spans)
        while pointer:
            if pointer in places:
                return places[pointer]
            pointer = pointer.rpartition("/")[0] if "/" in pointer else ""
        return self.span


@dataclass(frozen=True)
class CachePolicy:
    name: str
    model: str
    key: str
    ttl_anonymous: int | None = None  # seconds; None when not cached for that audience
    ttl_authenticated: int | None = None
    invalidate_on: tuple[str, ...] = ()
    chunk_max_bytes: int | None = None
    critical: bool = False
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Catalog:
    """The whole declared state. Every tuple is sorted by name (configs by name, then version)."""

    tables: tuple[Table, ...] = ()
    enums: tuple[Enum, ...] = ()
    configs: tuple[ConfigVersion, ...] = ()
    cache_policies: tuple[CachePolicy, ...] = ()

    def table(self, name: str) -> Table | None:
        # an index made on first use: the diff and the rules look tables up by name thousands of times
        index = self.__dict__.get("_tables_by_name")
        if index is None:
            index = {}
            for t in self.tables:
                index.setdefault(t.name, t)  # the first of a name, as a scan would find it
            object.__setattr__(self, "_tables_by_name", index)
        return index.get(name)

    def enum(self, name: str) -> Enum | None:
        for e in self.enums:
            if e.name == name:
                return e
        return None

    def config_versions(self, name: str) -> tuple[ConfigVersion, ...]:
        return tuple(c for c in self.configs if c.name == name)

    def latest_config(self, name: str) -> ConfigVersion | None:
        versions = self.config_versions(name)
        return versions[-1] if versions else None


def backs_foreign_keys(key: PrimaryKey | Unique | Index) -> bool:
    """Whether PostgreSQL may tie a foreign key to this key: a primary key, a unique constraint, or a
    unique index without a predicate (it picks the first such index over the referenced columns)."""
    if isinstance(key, Index):
        return key.unique and key.where is None
    return True


def index_name(table: str, columns: tuple[str, ...], suffix: str = "idx") -> str:
    """PostgreSQL's default name ``<table>_<col>_<col>_idx``, shortened to 63 bytes with a hash.

    PostgreSQL silently truncates longer identifiers; two long names could then collide, so
    specguard shortens deterministically and keeps a short hash of the full name instead.
    """
    return fit_identifier("_".join((table, *columns, suffix)))


def fit_identifier(name: str, limit: int = 63) -> str:
    raw = name.encode()
    if len(raw) <= limit:
        return name
    import hashlib

    digest = hashlib.sha256(raw).hexdigest()[:8]
    head = raw[: limit - 9].decode("utf-8", "ignore")
    return f"{head}_{digest}"
