"""Validated specs -> one immutable, name-sorted Catalog, with every reference resolved."""

from __future__ import annotations

from specguard.compiler.ir.catalog import Catalog, Enum, Table
from specguard.compiler.load.validate import LoadedSpec
from specguard.compiler.resolve.tables import build_table, check_identifier
from specguard.compiler.resolve.types import INTEGER_TYPES
from specguard.diagnostics import Diagnostic
from specguard.diagnostics.codes import diag
from specguard.diagnostics.suggest import did_you_mean
from specguard.progress import report


class _AnyName(frozenset):
    """The names declared by a file that could not be read at all: any name may be among them."""

    def __contains__(self, name: object) -> bool:
        return True


def _left_out(broken: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """Per kind, the names that specs declared but were left out, those of unknown kind in every kind."""
    from specguard.compiler.load.documents import ANY_KIND, ANY_NAME

    out = {}
    for kind in ("model", "enum", "config", "cache_policy"):
        names = frozenset(broken.get(kind, set()) | broken.get(ANY_KIND, set()))
        out[kind] = _AnyName(names) if ANY_NAME in names else names
    return out


def build_catalog(specs: list[LoadedSpec], broken: dict[str, set[str]] | None = None) -> tuple[Catalog, list[Diagnostic]]:
    """Resolve every reference. Objects with errors are left out of the catalog, and reported.

    ``broken`` names objects that were declared but left out (by kind; see ``load.documents``):
    references to them are not reported again (one mistake, one diagnostic), and objects depending
    on them are left out.
    """
    broken = _left_out(broken or {})
    out: list[Diagnostic] = []
    by_kind: dict[str, list[LoadedSpec]] = {"model": [], "enum": [], "config": [], "cache_policy": []}
    for s in specs:
        by_kind[s.kind].append(s)

    # One namespace for models and enums (both are PostgreSQL types); one each for configs, policies.
    _duplicates(by_kind["model"] + by_kind["enum"], "a model or enum", out)
    _duplicates(by_kind["cache_policy"], "a cache policy", out)

    enums: dict[str, tuple[str, ...]] = {}
    enum_objs: list[Enum] = []
    for s in by_kind["enum"]:
        e = _build_enum(s, out)
        if e is not None and e.name not in enums:
            enums[e.name] = e.values
            enum_objs.append(e)

    tables: dict[str, Table] = {}
    model_names = _names({s.spec.name for s in by_kind["model"]}, broken["model"])
    for i, s in enumerate(by_kind["model"]):
        report("resolving models", i, len(by_kind["model"]))
        t = build_table(s, enums, out, broken["enum"])
        if t is not None and t.name not in tables:
            tables[t.name] = t
    all_specs = {s.spec.name: s for s in by_kind["model"]}
    for t in list(tables.values()):
        if not _check_foreign_keys(t, tables, model_names, all_specs[t.name], out):
            del tables[t.name]
    _check_global_index_names(tables, all_specs, out)

    configs = _configs(by_kind["config"], tables, all_specs, broken["config"], out)
    from specguard.compiler.resolve.config_support import check_version_keys
    from specguard.compiler.resolve.configs import check_column_defaults

    check_version_keys(tables, configs, {n: s.doc for n, s in all_specs.items()}, out)

    check_column_defaults(tables.values(), configs, {n: s.doc for n, s in all_specs.items()}, out)
    from specguard.compiler.resolve.cache import build_cache_policies

    policies = build_cache_policies(by_kind["cache_policy"], tables, model_names, out)
    catalog = Catalog(
        tuple(sorted(tables.values(), key=lambda t: t.name)),
        tuple(sorted(enum_objs, key=lambda e: e.name)),
        tuple(sorted(configs, key=lambda c: (c.name, c.version))),
        tuple(sorted(policies, key=lambda p: p.name)),
    )
    return catalog, out


def _configs(specs: list[LoadedSpec], tables: dict[str, Table], all_specs, left_out, out: list[Diagnostic]):
    """The config versions, and SG204 for each column naming a config that no spec declares."""
    from specguard.compiler.resolve.configs import build_configs

    configs = build_configs(specs, out)
    # a version gap where a version was left out is that version's own error, reported already
    out[:] = [d for d in out if not (d.code == "SG117" and (d.target or "").partition("@")[0] in left_out)]
    config_names = _names({c.name for c in configs} | {s.spec.name for s in specs}, left_out)
    for t in tables.values():
        for c in t.columns:
            if c.config and c.config not in config_names:
                out.append(diag("SG204", f"`{t.name}.{c.name}` names the config `{c.config}`, which no spec declares",
                                all_specs[t.name].doc.span(("columns", c.name, "config")),
                                hint=did_you_mean(c.config, config_names, "declare it with `kind: config`"),
                                target=f"{t.name}.{c.name}"))
    return configs


def _names(declared: set[str], left_out: frozenset[str]) -> frozenset[str]:
    return _AnyName(declared) if isinstance(left_out, _AnyName) else frozenset(declared | left_out)


def _duplicates(specs: list[LoadedSpec], what: str, out: list[Diagnostic]) -> None:
    first: dict[str, LoadedSpec] = {}
    for s in specs:
        name = s.spec.name
        if name in first:
            prev = first[name].doc.span(("name",))
            out.append(diag("SG114", f"`{name}` is already defined as {what} at {prev}", s.doc.span(("name",)),
                            hint="rename one of them, or remove the copy", target=name))
        else:
            first[name] = s


def _build_enum(s: LoadedSpec, out: list[Diagnostic]) -> Enum | None:
    spec, doc = s.spec, s.doc
    ok = check_identifier(spec.name, "enum name", doc.span(("name",)), out)
    seen: set[str] = set()
    for i, v in enumerate(spec.values):
        if v in seen:
            out.append(diag("SG107", f"the enum value `{v}` is listed twice", doc.span(("values", i)), target=spec.name))
            ok = False
        if not v or len(v.encode()) > 63:
            out.append(diag("SG109", "an enum value must be 1 to 63 bytes long", doc.span(("values", i)), target=spec.name))
            ok = False
        seen.add(v)
    return Enum(spec.name, tuple(spec.values), spec.renamed_from, doc.span(("name",))) if ok else None


def _types_compatible(a, b) -> bool:
    if a == b:
        return True
    if a.array != b.array:
        return False
    if a.base in INTEGER_TYPES and b.base in INTEGER_TYPES:
        return True
    return {a.base, b.base} <= {"text", "varchar"}


def _check_foreign_keys(t: Table, tables, model_names, loaded: LoadedSpec, out) -> bool:
    ok = True
    doc = loaded.doc
    spec_fks = loaded.spec.foreign_keys
    for fk in t.foreign_keys:
        i = next(j for j, f in enumerate(spec_fks) if (f.name or "") in ("", fk.name) and tuple(f.columns) == fk.columns)
        path = ("foreign_keys", i, "references")
        if fk.ref_table not in model_names:
            out.append(diag("SG200", f"the foreign key references the model `{fk.ref_table}`, which no spec declares",
                            doc.span(path + ("model",)),
                            hint=did_you_mean(fk.ref_table, model_names, "known models: " + ", ".join(sorted(model_names))),
                            target=f"{t.name}.{fk.name}"))
            ok = False
            continue
        ref = tables.get(fk.ref_table)
        if ref is None:
            continue  # the referenced model has errors of its own
        if len(fk.columns) != len(fk.ref_columns):
            out.append(diag("SG107", f"the foreign key has {len(fk.columns)} columns but references {len(fk.ref_columns)}",
                            doc.span(path + ("columns",)), target=f"{t.name}.{fk.name}"))
            ok = False
            continue
        for j, (c, rc) in enumerate(zip(fk.columns, fk.ref_columns)):
            rcol = ref.column(rc)
            if rcol is None:
                out.append(diag("SG201", f"the foreign key references `{ref.name}.{rc}`, which does not exist",
                                doc.span(path + ("columns", j)),
                                hint=did_you_mean(rc, ref.column_names, "columns: " + ", ".join(ref.column_names)),
                                target=f"{ref.name}.{rc}"))
                ok = False
                continue
            col = t.column(c)
            if col is not None and not _types_compatible(col.type, rcol.type):
                out.append(diag("SG202", f"`{t.name}.{c}` is `{col.type}` but references `{ref.name}.{rc}` of type `{rcol.type}`",
                                doc.span(("foreign_keys", i, "columns")),
                                hint=f"make `{c}` a `{rcol.type}`", target=f"{t.name}.{c}"))
                ok = False
        if ok:
            keys = [ref.primary_key.columns] if ref.primary_key else []
            keys += [u.columns for u in ref.uniques]
            keys += [ix.columns for ix in ref.indexes if ix.unique and ix.where is None]
            if not any(set(k) == set(fk.ref_columns) for k in keys):
                out.append(diag("SG203", f"`{ref.name}({', '.join(fk.ref_columns)})` is neither its primary key nor unique",
                                doc.span(path), hint="reference the primary key, or add a unique constraint on those columns",
                                target=f"{t.name}.{fk.name}"))
                ok = False
    return ok


def _check_global_index_names(tables, all_specs, out) -> None:
    # Index names (and the indexes behind PK/unique constraints) share the schema's namespace.
    seen: dict[str, str] = {}
    for t in sorted(tables.values(), key=lambda x: x.name):
        names = [ix.name for ix in t.indexes] + [u.name for u in t.uniques] + ([t.primary_key.name] if t.primary_key else [])
        for n in names:
            if n in tables:  # tables live in the same namespace (pg_class): IF NOT EXISTS would skip one
                out.append(diag("SG206", f"the index name `{n}` of `{t.name}` is also the name of a model",
                                all_specs[t.name].doc.span(("indexes",)),
                                hint="tables and indexes share the schema's namespace; rename one",
                                target=f"{t.name}.{n}"))
            if n in seen and seen[n] != t.name:
                out.append(diag("SG206", f"the index name `{n}` is used by both `{seen[n]}` and `{t.name}`",
                                all_specs[t.name].doc.span(("indexes",)), hint="index names are unique per schema; rename one",
                                target=f"{t.name}.{n}"))
            seen.setdefault(n, t.name)
