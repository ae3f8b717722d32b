"""The spec format as Pydantic v2 models.

These models validate every document and are also the source of ``specguard schema`` (the JSON
Schema editors use for completion), so the two cannot disagree. Models are strict (no coercion of
``"yes"`` to ``True``) and forbid unknown keys. Cross-document rules (references, types, SQL
fragments) are checked later, in the build stage, where every name is known.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

Identifier = Annotated[
    str,
    Field(
        min_length=1,
        description="An identifier: letters, digits and `_`, starting with a letter, at most 63 bytes.",
        json_schema_extra={"pattern": "^[A-Za-z][A-Za-z0-9_]*$", "maxLength": 63},
    ),
]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SqlDefault(_Spec):
    sql: str = Field(description="A single PostgreSQL expression, e.g. `now()` or `gen_random_uuid()`.")


DefaultValue = Union[SqlDefault, bool, int, float, str, list, dict, None]


class ConfigVersionSpec(_Spec):
    key: str | None = Field(None, min_length=1, description="A top-level key of each document that holds its version.")
    column: Identifier | None = Field(None, description="An integer column of the same model that holds the version.")


class ColumnSpec(_Spec):
    type: str = Field(
        description="text, varchar(N), smallint, integer, bigint, numeric(P,S), real, double precision, "
        "boolean, uuid, date, time, timestamp, timestamptz, interval, json, jsonb, bytea, an enum's name; "
        "any of them followed by [] for an array."
    )
    nullable: bool = Field(False, description="Columns are NOT NULL unless nullable is true.")
    primary_key: bool = Field(False, description="Part of the table's primary key.")
    unique: bool = Field(False, description="A single-column unique constraint.")
    default: DefaultValue = Field(
        None, description="A YAML literal (string, number, bool, list, mapping for json/jsonb) or {sql: EXPRESSION}."
    )
    config: Identifier | None = Field(None, description="For a jsonb column: the name of the kind: config governing it.")
    config_version: ConfigVersionSpec | None = Field(
        None, description='Where the documents of a config column keep their version: {key: NAME} inside each document '
        '(the default is {key: "$version"}) or {column: NAME}, an integer column of the same model.'
    )
    deprecated: str | None = Field(
        None, description="Marks a column on its way out (expand/contract): the reason. It becomes nullable."
    )
    renamed_from: Identifier | None = Field(None, description="The column's previous name: a rename, not a drop and add.")
    description: str | None = None


class ReferenceSpec(_Spec):
    model: Identifier
    columns: list[Identifier] = Field(min_length=1)


class ForeignKeySpec(_Spec):
    columns: list[Identifier] = Field(min_length=1)
    references: ReferenceSpec
    on_delete: Literal["cascade", "restrict", "set_null", "no_action"] = "no_action"
    name: Identifier | None = Field(None, description="Defaults to PostgreSQL's `<table>_<cols>_fkey`.")


class CheckSpec(_Spec):
    name: Identifier | None = Field(None, description="Defaults to `<table>_<hash>_check`.")
    expression: str = Field(description="A single SQL boolean expression over the model's columns.")


class IndexSpec(_Spec):
    name: Identifier | None = Field(None, description="Defaults to PostgreSQL's `<table>_<col>_<col>_idx`.")
    columns: list[Identifier] = Field(min_length=1)
    where: str | None = Field(None, description="A SQL predicate: a partial index.")
    using: Literal["btree", "gin", "gist", "brin", "hash"] = "btree"
    unique: bool = False


class ModelSpec(_Spec):
    kind: Literal["model"]
    name: Identifier
    description: str | None = None
    critical: bool = Field(False, description="Holds critical data (balances, tokens): never cached.")
    renamed_from: Identifier | None = None
    primary_key: list[Identifier] | None = Field(None, description="A composite primary key (else mark columns).")
    columns: dict[str, ColumnSpec] = Field(min_length=1)
    foreign_keys: list[ForeignKeySpec] = []
    unique: list[list[Identifier]] = []
    checks: list[CheckSpec] = []
    indexes: list[IndexSpec] = []


class EnumSpec(_Spec):
    kind: Literal["enum"]
    name: Identifier
    description: str | None = None
    renamed_from: Identifier | None = None
    values: list[str] = Field(min_length=1)


class UpgradeSpec(_Spec):
    rename: dict[str, str] = Field({}, description="old key -> new key")
    remove: list[str] = Field([], description="keys dropped from old documents")
    map_values: dict[str, dict[str, Any]] = Field({}, description="key -> {old value: new value}")
    set: dict[str, Any] = Field({}, description="key -> value written into every upgraded document")


class ConfigSpec(_Spec):
    kind: Literal["config"]
    name: Identifier
    version: int = Field(ge=1, le=100_000)
    description: str | None = None
    compatibility: Literal[
        "backward", "backward_transitive", "forward", "forward_transitive", "full", "full_transitive", "none"
    ] = Field("backward", description="Schema Registry's compatibility modes.")
    schema_: dict[str, Any] = Field(alias="schema", description="A JSON Schema (draft 2020-12), written in YAML.")
    upgrade: UpgradeSpec | None = None

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class TtlSpec(_Spec):
    anonymous: str | None = Field(None, description="A duration: Ns, Nm or Nh.")
    authenticated: str | None = Field(None, description="A duration: Ns, Nm or Nh.")


class ChunkingSpec(_Spec):
    max_bytes: str | int = Field(description="A size: N, NKB or NMB.")


class CachePolicySpec(_Spec):
    kind: Literal["cache_policy"]
    name: Identifier
    description: str | None = None
    model: Identifier
    key: str = Field(description='A key template whose placeholders are columns, e.g. "companion:{id}".')
    ttl: TtlSpec | None = None
    critical: bool = False
    invalidate_on: list[Identifier] = []
    chunking: ChunkingSpec | None = None


SPEC_KINDS: dict[str, type[_Spec]] = {
    "model": ModelSpec,
    "enum": EnumSpec,
    "config": ConfigSpec,
    "cache_policy": CachePolicySpec,
}

AnySpec = Annotated[Union[ModelSpec, EnumSpec, ConfigSpec, CachePolicySpec], Field(discriminator="kind")]


def spec_json_schema() -> dict:
    """The JSON Schema of one spec document, for editors (yaml-language-server), in standard JSON
    Schema 2020-12 keywords only.

    Pydantic describes the union of kinds with OpenAPI's ``discriminator``, which JSON Schema does not
    define (ajv's strict mode refuses it), under a ``oneOf`` that reports a mistake once per kind. Here
    ``kind`` picks the branch with ``if``/``then``, so an editor reports a document's mistakes against
    its own kind only.
    """
    from pydantic import TypeAdapter

    generated = TypeAdapter(AnySpec).json_schema(by_alias=True)
    kinds = generated["discriminator"]["mapping"]
    # column names are identifiers too; as mapping keys they need `propertyNames` to say so
    ident = {k: v for k, v in generated["$defs"]["EnumSpec"]["properties"]["name"].items() if k != "title"}
    generated["$defs"]["ModelSpec"]["properties"]["columns"]["propertyNames"] = ident
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "specguard spec document",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": sorted(kinds), "description": "What the document declares."}},
        "allOf": [{"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": {"$ref": ref}}
                  for kind, ref in sorted(kinds.items())],
        "$defs": generated["$defs"],
    }


def spec_json_schema_text() -> str:
    """The schema as written to generated/spec.schema.json and printed by ``specguard schema``."""
    import json

    return json.dumps(spec_json_schema(), indent=2, sort_keys=True) + "\n"
