"""What the config generators can compile, checked while the specs resolve.

Two checks live here: where a config column's documents keep their version (``config_version:``), and
whether every keyword of a config schema is one the generated validators enforce exactly. A keyword
they cannot enforce is refused on its own line (SG640), never dropped silently: a validator that
quietly ignores ``unevaluatedProperties`` would accept documents the schema rejects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from specguard.compiler.ir.catalog import DEFAULT_VERSION_KEY, Column, ConfigVersion, ConfigVersionAt, Table
from specguard.compiler.ir.schemakeywords import unsupported_keywords
from specguard.diagnostics import Diagnostic
from specguard.diagnostics.codes import diag

if TYPE_CHECKING:
    from specguard.compiler.load.yamlsrc import SourceDoc

VERSION_COLUMN_TYPES = ("smallint", "integer", "bigint")


def version_at(cspec, columns: dict[str, Column], doc: SourceDoc, cpath: tuple, target: str,
               out: list[Diagnostic]) -> ConfigVersionAt | None:
    """Where the column's documents keep their version (None for a column without ``config:``).

    Returns None and reports when ``config_version:`` is malformed or names a column that cannot hold
    a version; the caller leaves the table out then."""
    spec = cspec.config_version
    path = cpath + ("config_version",)
    if spec is None:
        return ConfigVersionAt(key=DEFAULT_VERSION_KEY) if cspec.config else None
    if not cspec.config:
        out.append(diag("SG107", "`config_version:` belongs to a column with `config:`", doc.key_span(path),
                        hint="name the config with `config: NAME`, or remove `config_version:`", target=target))
        return None
    if (spec.key is None) == (spec.column is None):
        out.append(diag("SG107", "`config_version:` takes exactly one of `key` and `column`", doc.span(path),
                        hint=f'{{key: "{DEFAULT_VERSION_KEY}"}} keeps the version inside each document; '
                             "{column: NAME} in an integer column beside it", target=target))
        return None
    if spec.key is not None:
        return ConfigVersionAt(key=spec.key)
    col = columns.get(spec.column)
    if col is None or col.type.array or col.type.base not in VERSION_COLUMN_TYPES or col.name == cpath[-1]:
        what = "is not a column of the model" if col is None else f"is `{col.type}`, not an integer column"
        code = "SG201" if col is None else "SG107"
        out.append(diag(code, f"the version column `{spec.column}` {what}", doc.span(path + ("column",)),
                        hint="declare an integer column, e.g. `{type: integer, nullable: true}`, beside it",
                        target=target))
        return None
    return ConfigVersionAt(column=spec.column)


def check_version_keys(tables: dict[str, Table], configs: list[ConfigVersion], docs: dict, out: list[Diagnostic]) -> None:
    """A version key inside the documents may not also be a property of any version of the config:
    the loader takes it out before validating, so the property could never be read."""
    by_name: dict[str, list[ConfigVersion]] = {}
    for c in configs:
        by_name.setdefault(c.name, []).append(c)
    for t in tables.values():
        for col in t.columns:
            where = col.config_version
            if where is None or where.key is None:
                continue
            for c in by_name.get(col.config or "", []):
                props = c.schema.get("properties") if isinstance(c.schema, dict) else None
                if isinstance(props, dict) and where.key in props:
                    path = ("columns", col.name, "config_version", "key")
                    doc = docs[t.name]
                    out.append(diag("SG641", f"`{t.name}.{col.name}` keeps its config version under the key "
                                    f"`{where.key}`, which {c.name} version {c.version} defines as a property",
                                    doc.span(path) if _has(doc, path) else doc.span(("columns", col.name, "config")),
                                    hint="choose another key with `config_version: {key: NAME}`, or keep the "
                                         "version in a column: `config_version: {column: NAME}`",
                                    target=f"{t.name}.{col.name}"))
                    break


def _has(doc: SourceDoc, path: tuple) -> bool:
    return doc.span(path) != doc.span(path[:-1])


def check_schema_keywords(name: str, version: int, schema, doc: SourceDoc, out: list[Diagnostic]) -> bool:
    """Whether every keyword of the schema is one the generators enforce exactly; each one that is not
    is reported on its own line (SG640)."""
    found = unsupported_keywords(schema) + _recursive_defaults(schema)
    for path, keyword, reason in found:
        out.append(diag("SG640", f"`{name}` version {version}: `{keyword}` {reason}",
                        doc.key_span(("schema", *path, keyword)),
                        hint="the generated validators enforce exactly the keywords `specguard explain SG640` "
                             "lists; rewrite the schema with them",
                        target=f"{name}@{version}"))
    return not found


def _recursive_defaults(schema) -> list[tuple[tuple, str, str]]:
    """A default the upgrade would have to fill at unbounded depth (inside a schema that refers to itself
    along properties): neither a planned Python upgrader nor a SQL backfill can follow it."""
    from specguard.compiler.ir.defaultsplan import RecursiveDefaults, defaults_plan
    from specguard.compiler.ir.schemakeywords import subschemas

    try:
        defaults_plan(schema)
    except RecursiveDefaults:
        where = next((p for p, sub in subschemas(schema) if isinstance(sub, dict) and "default" in sub), ())
        return [(where, "default", "sits inside a schema that refers to itself along `properties`: an upgrade "
                 "would have to fill it at every depth, which the SQL backfill cannot")]
    return []
