"""Config specs -> IR config versions: contiguous versions, meta-validated JSON Schemas.

jsonschema is imported only here, and only when a config spec exists, to keep ``check`` fast.
"""

from __future__ import annotations

from specguard.compiler.ir.catalog import ConfigUpgrade, ConfigVersion, canonical_json
from specguard.compiler.load.validate import LoadedSpec
from specguard.compiler.resolve.config_support import check_schema_keywords
from specguard.compiler.resolve.metaschema import proven_valid
from specguard.compiler.resolve.tables import check_identifier
from specguard.diagnostics import Diagnostic, Span
from specguard.diagnostics.codes import diag


def build_configs(specs: list[LoadedSpec], out: list[Diagnostic]) -> list[ConfigVersion]:
    """Every config version whose schema is valid, by name then version; the problems go to ``out``."""
    if not specs:
        return []
    by_name = _versions_by_name(specs, out)
    result: list[ConfigVersion] = []
    for name in sorted(by_name):
        versions = by_name[name]
        _check_contiguous(name, versions, out)
        for v in sorted(versions):
            config = _config_version(name, v, versions, out)
            if config is not None:
                result.append(config)
    return result


def _versions_by_name(specs: list[LoadedSpec], out: list[Diagnostic]) -> dict[str, dict[int, LoadedSpec]]:
    """Each config's specs by version; a version defined twice is reported and its copy left out."""
    by_name: dict[str, dict[int, LoadedSpec]] = {}
    for s in specs:
        spec, doc = s.spec, s.doc
        if not check_identifier(spec.name, "config name", doc.span(("name",)), out):
            continue
        versions = by_name.setdefault(spec.name, {})
        if spec.version in versions:
            prev = versions[spec.version].doc.span(("version",))
            out.append(diag("SG114", f"`{spec.name}` version {spec.version} is already defined at {prev}",
                            doc.span(("version",)), hint="each version is its own document; bump the version",
                            target=f"{spec.name}@{spec.version}"))
            continue
        versions[spec.version] = s
    return by_name


def _check_contiguous(name: str, versions: dict[int, LoadedSpec], out: list[Diagnostic]) -> None:
    """Versions run 1, 2, 3 ...: the first gap is reported."""
    for expected, v in enumerate(sorted(versions), start=1):
        if v != expected:
            out.append(diag("SG117", f"`{name}` has version {v} but no version {expected}",
                            versions[v].doc.span(("version",)),
                            hint=f"versions run 1, 2, 3 … without gaps; add version {expected} or renumber",
                            target=f"{name}@{v}"))
            return


def _config_version(name: str, v: int, versions: dict[int, LoadedSpec], out: list[Diagnostic]) -> ConfigVersion | None:
    """Version ``v`` of a config, or None when its JSON Schema is invalid. Its upgrade step is checked."""
    spec, doc = versions[v].spec, versions[v].doc
    schema = spec.schema_
    if not proven_valid(schema) and not _meta_valid(name, v, schema, doc, out):
        return None
    if not check_schema_keywords(name, v, schema, doc, out):  # what the generators cannot enforce (SG640)
        return None  # left out: the compatibility rules would only report the same mistake again
    if schema.get("type") not in ("object", None):
        out.append(diag("SG600", f"`{name}` version {v} does not describe a JSON object",
                        doc.span(("schema", "type")), hint="config columns hold objects: `type: object`",
                        target=f"{name}@{v}"))
    spans = schema_spans(doc)
    up = spec.upgrade
    if up is not None and v == 1:
        out.append(diag("SG601", "version 1 has no earlier version to upgrade from", doc.span(("upgrade",)),
                        hint="remove `upgrade:`", target=f"{name}@1"))
    if up is not None and v > 1 and (v - 1) in versions:
        _check_upgrade_keys(name, v, up, versions[v - 1].spec.schema_, schema, doc, out)
    upgrade = _upgrade(up) if up is not None else None
    return ConfigVersion(name, v, canonical_json(schema), upgrade, spec.description, doc.span(("name",)),
                         spec.compatibility, spans)


def _meta_valid(name: str, v: int, schema, doc, out: list[Diagnostic]) -> bool:
    """jsonschema's verdict on a schema the fast check could not prove valid; SG115 when invalid."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        out.append(diag("SG115", f"`{name}` version {v}: invalid JSON Schema: {exc.message}",
                        doc.span(("schema",) + tuple(exc.path)),
                        hint="see https://json-schema.org/draft/2020-12 for the keywords", target=f"{name}@{v}"))
        return False
    return True


def schema_spans(doc) -> tuple[tuple[str, Span], ...]:
    """Where each schema location is written, by JSON pointer: a mapping entry at its key, a list
    item at its value (findings name the keyword, so that is where the caret goes)."""
    from specguard.compiler.schemacompat.refs import join

    out = {"#": doc.key_span(("schema",))}
    key_spans = doc.key_spans
    # paths first, spans only for the schema's (a cached document makes each span on first use)
    for path in doc.spans:
        if len(path) > 1 and path[0] == "schema":
            out[join("#", *path[1:])] = key_spans[path] if path in key_spans else doc.spans[path]
    return tuple(sorted((k, v) for k, v in out.items() if v is not None))


def check_column_defaults(tables, configs: list[ConfigVersion], docs: dict, out: list[Diagnostic]) -> None:
    """A jsonb column's literal default must be a document of its config's latest version, as the loaders
    read it: its version stamped under the column's key (unless the row keeps it in a column)."""
    by_name: dict[str, dict[int, ConfigVersion]] = {}
    for cv in configs:
        by_name.setdefault(cv.name, {})[cv.version] = cv
    for t in tables:
        for c in t.columns:
            if not c.config or c.config not in by_name or c.default is None or c.default.literal is None:
                continue
            problem = _default_problem(c.default.literal, by_name[c.config], c.config_version)
            if problem is not None:
                out.append(diag("SG614", f"the default of `{t.name}.{c.name}` is not a document the `{c.config}` "
                                f"loaders accept: {problem[0]}", docs[t.name].span(("columns", c.name, "default")),
                                hint=problem[1], target=f"{t.name}.{c.name}"))


def _default_problem(value, versions: dict[int, ConfigVersion], where) -> tuple[str, str] | None:
    """Why the loaders would refuse a default document, and a hint; None when they accept it."""
    import json

    latest = versions[max(versions)]
    key = where.key if where is not None else None
    if key is None or not isinstance(value, dict):
        found = _invalid_document(value, latest.schema)
        return None if found is None else (f"{found[0]} (version {latest.version})",
                                           f"write a default that version {latest.version} accepts, e.g. {found[1]}")
    version = value.get(key)
    if type(version) is not int or version not in versions:
        what = "it keeps no version" if key not in value else f"`{key}: {json.dumps(version)}` names no version of it"
        own = json.dumps({**{k: v for k, v in value.items() if k != key}, key: latest.version}, sort_keys=True)
        return (f"{what} under `{key}`, and a document's version is never guessed",
                f"stamp the version inside the default, e.g. {own}")
    if version != latest.version:
        return (f"it is a version {version} document, and every new row would start out of date",
                f"write a version {latest.version} document, e.g. {_stamp(_example(latest.schema), key, latest.version)}")
    found = _invalid_document({k: v for k, v in value.items() if k != key}, latest.schema)
    return None if found is None else (f"{found[0]} (version {version})",
                                       f"write a default that version {version} accepts, e.g. {_stamp(found[1], key, version)}")


def _stamp(example_json: str, key: str, version: int) -> str:
    """An example document (JSON text) with its version stamped under ``key``."""
    import json

    body = json.loads(example_json)
    return json.dumps({key: version, **(body if isinstance(body, dict) else {})}, sort_keys=True)


def _example(schema) -> str:
    """A document ``schema`` accepts, as JSON text (``{}`` for a schema the checker cannot read)."""
    import json

    from specguard.compiler.schemacompat.examples import example
    from specguard.compiler.schemacompat.refs import RefError, S

    try:
        return json.dumps(example(S.of(schema)), sort_keys=True)
    except RefError:
        return "{}"


def _invalid_document(value, schema) -> tuple[str, str] | None:
    """Why ``schema`` rejects ``value`` and a document it accepts; None when it accepts ``value``."""
    from jsonschema.exceptions import best_match

    from specguard.compiler.schemacompat.refs import RefError, S

    try:
        s = S.of(schema)
    except RefError:
        return None  # a recursive schema: the generated validators judge its documents
    errors = s.errors(value)
    if not errors:
        return None
    return best_match(errors).message, _example(schema)


def _upgrade(up) -> ConfigUpgrade:
    """The upgrade step in the IR's frozen, sorted form."""
    return ConfigUpgrade(
        rename=tuple(sorted(up.rename.items())),
        remove=tuple(sorted(up.remove)),
        map_values=tuple(sorted((k, tuple(sorted((str(a), b) for a, b in m.items()))) for k, m in up.map_values.items())),
        set=tuple(sorted((k, _freeze(val)) for k, val in up.set.items())),
    )


def _properties(schema) -> set[str] | None:
    props = schema.get("properties") if isinstance(schema, dict) else None
    return set(props) if isinstance(props, dict) else None


def _check_upgrade_keys(name, v, up, prev_schema, schema, doc, out) -> None:
    """Upgrade steps must name keys that exist: a typo would silently upgrade nothing."""
    prev, cur = _properties(prev_schema), _properties(schema)

    def report(path, key, where, version, on_key=False):
        known = sorted((prev if version == v - 1 else cur) or ())
        out.append(diag("SG601", f"`{name}` version {v}: the upgrade step names `{key}`, which version {version} "
                        f"does not define", doc.key_span(path) if on_key else doc.span(path), target=f"{name}@{v}",
                        hint=("known keys: " + ", ".join(known)) if known else None))

    if prev is not None:
        for old in up.rename:
            if old not in prev:
                report(("upgrade", "rename", old), old, "rename", v - 1, on_key=True)
        for i, key in enumerate(up.remove):
            if key not in prev:
                report(("upgrade", "remove", i), key, "remove", v - 1)
    if cur is not None:
        for new in up.rename.values():
            if new not in cur:
                report(("upgrade", "rename"), new, "rename", v)
        for key in list(up.map_values) + list(up.set):
            if key not in cur:
                where = "map_values" if key in up.map_values else "set"
                report(("upgrade", where, key), key, where, v, on_key=True)


def _freeze(value):
    # upgrade values live in a frozen dataclass: store JSON values as canonical JSON text when mutable
    return canonical_json(value) if isinstance(value, (dict, list)) else value
