"""Config specs -> IR config versions: contiguous versions, meta-validated JSON Schemas.

jsonschema is imported only here, and only when a config spec exists, to keep ``check`` fast.
"""

from __future__ import annotations

from specguard.diagnostics.codes import diag
from specguard.compiler.ir.catalog import ConfigUpgrade, ConfigVersion, canonical_json
from specguard.compiler.resolve.tables import check_identifier
from specguard.compiler.load.validate import LoadedSpec
from specguard.diagnostics import Diagnostic


def build_configs(specs: list[LoadedSpec], out: list[Diagnostic]) -> list[ConfigVersion]:
    if not specs:
        return []
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

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

    result: list[ConfigVersion] = []
    for name in sorted(by_name):
        versions = by_name[name]
        for expected, v in enumerate(sorted(versions), start=1):
            if v != expected:
                s = versions[v]
                out.append(diag("SG117", f"`{name}` has version {v} but no version {expected}", s.doc.span(("version",)),
                                hint=f"versions run 1, 2, 3 … without gaps; add version {expected} or renumber",
                                target=f"{name}@{v}"))
                break
        for v in sorted(versions):
            s = versions[v]
            spec, doc = s.spec, s.doc
            schema = spec.schema_
            try:
                Draft202012Validator.check_schema(schema)
            except SchemaError as exc:
                path = ("schema",) + tuple(exc.path)
                out.append(diag("SG115", f"`{name}` version {v}: invalid JSON Schema: {exc.message}",
                                doc.span(path), hint="see https://json-schema.org/draft/2020-12 for the keywords",
                                target=f"{name}@{v}"))
                continue
            if schema.get("type") not in ("object", None):
                out.append(diag("SG600", f"`{name}` version {v} does not describe a JSON object",
                                doc.span(("schema", "type")), hint="config columns hold objects: `type: object`",
                                target=f"{name}@{v}"))
            up = spec.upgrade
            upgrade = None
            if up is not None:
                if v == 1:
                    out.append(diag("SG601", "version 1 has no earlier version to upgrade from", doc.span(("upgrade",)),
                                    hint="remove `upgrade:`", target=f"{name}@1"))
                upgrade = ConfigUpgrade(
                    rename=tuple(sorted(up.rename.items())),
                    remove=tuple(sorted(up.remove)),
                    map_values=tuple(sorted((k, tuple(sorted((str(a), b) for a, b in m.items()))) for k, m in up.map_values.items())),
                    set=tuple(sorted((k, _freeze(val)) for k, val in up.set.items())),
                )
            if up is not None and v > 1 and (v - 1) in versions:
                _check_upgrade_keys(name, v, up, versions[v - 1].spec.schema_, schema, doc, out)
            result.append(ConfigVersion(name, v, canonical_json(schema), upgrade, spec.description, doc.span(("name",))))
    return result


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
