"""Row models: for every model, a strict pydantic model of a row and one of an insert, in its own
module of ``specguard_generated/rows/`` (``rows/companion.py``: ``CompanionRow``, ``CompanionInsert``).

One module per model keeps imports cheap in a monorepo with thousands of models: an application
imports the models it uses, and ``rows/__init__.py`` only maps model names to modules (with
``row_model(name)`` / ``insert_model(name)`` importing one on first use). ``rows/_types.py`` (copied
from ``static/``) holds PostgreSQL's ranges and rounding, ``rows/_enums.py`` the enums as Literal types.

A jsonb column governed by a config is typed by the config's latest model, imported from
``specguard_generated/configs/<config>.py`` (compiled by the config emitter): the field loads a stored
document of any version through ``load_<config>``.
"""

from __future__ import annotations

import re
from importlib.resources import files

from specguard.compiler.emit.python import module_path
from specguard.compiler.emit.python.checks import enforceable_bounds
from specguard.compiler.emit.python.rowfields import (
    Context,
    annotation,
    config_alias,
    database_fills,
    default_value,
    field_name,
    pascal,
    render_field,
)
from specguard.compiler.emit.python.source import HEADER, docstring, py_literal, py_str, unique_names
from specguard.compiler.ir.catalog import DEFAULT_VERSION_KEY, Catalog, Table

_IMPORTS = {  # alias -> import line, in the order ruff's isort wants them
    "_dt": "import datetime as _dt",
    "_decimal": "import decimal as _decimal",
    "_typing": "import typing as _typing",
    "_uuid": "import uuid as _uuid",
}


def module_names(catalog: Catalog) -> dict[str, str]:
    """Model -> the name of its module under rows/ (snake case; clashes and keywords resolved)."""
    return unique_names({t.name: snake(t.name) for t in catalog.tables})


def snake(name: str) -> str:
    """``GroupChat`` -> ``group_chat``, ``HTTPLog`` -> ``http_log``, ``user`` -> ``user``."""
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()


def emit_rows(catalog: Catalog) -> dict[str, str]:
    """Every file of ``rows/``; nothing when the catalog has no models."""
    if not catalog.tables:
        return {}
    modules = module_names(catalog)
    enum_names = unique_names({e.name: e.name for e in catalog.enums})
    out = {
        module_path("rows", "__init__"): index_module(modules),
        module_path("rows", "_types"): (files("specguard.compiler.emit.python") / "static" / "row_types.py")
        .read_text(encoding="utf-8"),
    }
    if catalog.enums:
        out[module_path("rows", "_enums")] = enums_module(catalog, enum_names)
    for t in catalog.tables:
        out[module_path("rows", modules[t.name])] = table_module(t, Context(enum_names))
    return out


def enums_module(catalog: Catalog, names: dict[str, str]) -> str:
    """``rows/_enums.py``: each enum a Literal of its values, in declaration order."""
    lines = [docstring(HEADER + "\n\nThe enums, each a Literal type of its values."), "", "import typing as _typing", ""]
    for e in catalog.enums:
        values = ", ".join(py_str(v) for v in e.values)
        line = f"{names[e.name]} = _typing.Literal[{values}]"
        if len(line) > 120:
            line = f"{names[e.name]} = _typing.Literal[\n" + "".join(f"    {py_str(v)},\n" for v in e.values) + "]"
        lines.append(line)
    return "\n".join(lines) + "\n"


def index_module(modules: dict[str, str]) -> str:
    """``rows/__init__.py``: model -> module, and the two lookups that import a module on first use."""
    entries = py_literal(dict(sorted(modules.items())), 0, 10**6) if modules else "{}"
    return f'''{docstring(HEADER + """

Row models, one module per model: `from specguard_generated.rows.companion import CompanionRow`. `MODULES` maps
each model to its module; `row_model(name)` and `insert_model(name)` import one on first use, so an application
pays only for the models it uses.""")}

import importlib

import pydantic

MODULES: dict[str, str] = {entries}


def row_model(model: str) -> type[pydantic.BaseModel]:
    """The model of a row of ``model`` as the database holds it (``CompanionRow``)."""
    return _model_class(model, "Row")


def insert_model(model: str) -> type[pydantic.BaseModel]:
    """The model of an insert into ``model``, without the columns the database fills in (``CompanionInsert``)."""
    return _model_class(model, "Insert")


def _model_class(model: str, suffix: str) -> type[pydantic.BaseModel]:
    module = importlib.import_module(f"{{__name__}}.{{MODULES[model]}}")
    found = getattr(module, model + suffix)
    if not (isinstance(found, type) and issubclass(found, pydantic.BaseModel)):
        raise TypeError(f"{{module.__name__}}.{{model}}{{suffix}} is not a pydantic model")
    return found
'''


def table_module(t: Table, ctx: Context) -> str:
    """One model's module: ``<Model>Row`` and ``<Model>Insert``."""
    bounds = enforceable_bounds(t)
    ctx.used.add("_pd")
    fields = [(col, field_name(col.name), annotation(col, bounds.get(col.name, []), ctx)) for col in t.columns]
    aliased = any(name != col.name for col, name, _ in fields)
    row = _class(f"{t.name}Row", _row_doc(t), fields, ctx, aliased, insert=False)
    insert = _class(f"{t.name}Insert", _insert_doc(t), fields, ctx, aliased, insert=True)
    blocks = [_module_doc(t) + "\n\n" + _imports(ctx), *_config_loaders(ctx), row, insert]
    return "\n\n\n".join(blocks) + "\n"


def _class(name: str, doc: str, fields, ctx: Context, aliased: bool, *, insert: bool) -> str:
    config = "_types.ROW_CONFIG_ALIASED" if aliased else "_types.ROW_CONFIG"
    lines = [f"class {name}(_pd.BaseModel):", docstring(doc, 4), "", f"    model_config = {config}", ""]
    for col, fname, ann in fields:
        if not (insert and database_fills(col)):
            lines.append(render_field(fname, col, ann, default_value(col, ctx), ctx))
    lines += _versioned_by_column(ctx)
    return "\n".join(lines)


def _module_doc(t: Table) -> str:
    about = f"Row models of `{t.name}`" + (f": {t.description.strip()}" if t.description else ".")
    return docstring(f"{about}\n\n{HEADER}")


def _row_doc(t: Table) -> str:
    return f"A row of `{t.name}` as the database holds it."


def _insert_doc(t: Table) -> str:
    filled = [c.name for c in t.columns if database_fills(c)]
    left = f" It leaves out what the database fills in: {', '.join(f'`{c}`' for c in filled)}." if filled else ""
    return f"A row to insert into `{t.name}`.{left}"


def _imports(ctx: Context) -> str:
    """The import block, sectioned as isort sorts it: standard library, pydantic, the package."""
    stdlib = sorted(_IMPORTS[a] for a in _IMPORTS if a in ctx.used)
    package = [f"from ..configs import {c} as {config_alias(c)}" for c in sorted(ctx.configs)]
    package.append("from . import " + ", ".join(m for m in ("_enums", "_types") if m in ctx.used or m == "_types"))
    sections = [stdlib, ["import pydantic as _pd"], package]
    return "\n\n".join("\n".join(lines) for lines in sections if lines)


def _config_loaders(ctx: Context) -> list[str]:
    """A loader per way the fields keep their documents' version: validates and upgrades a stored
    document through the config's ``load_<config>``; a model passes as it is."""
    out = []
    for name, (c, key, version_field) in sorted(ctx.loaders.items()):
        module = config_alias(c)
        model = f"{module}.{pascal(c)}"
        if version_field is not None:
            head = f"def {name}(value: object, version: object) -> object:\n"
            doc = f"A stored `{c}` document as its latest model, under the version its row keeps in a column"
            call = f"{module}.load_{c}(value, version if isinstance(version, int) else None, version_key=None)"
        else:
            head, doc = f"def {name}(value: object) -> object:\n", f"A stored `{c}` document of any version as its latest model"
            call = f"{module}.load_{c}(value)" if key == DEFAULT_VERSION_KEY else f"{module}.load_{c}(value, version_key={py_str(key)})"
        out.append(head + docstring(doc + "; a model as it is.", 4)
                   + f"\n    if isinstance(value, {model}):\n        return value\n    return {call}")
        if version_field is not None:
            out.append(f"def {name}_field(value: object, info: _pd.ValidationInfo) -> object:\n"
                       + docstring("The field's validator: on assignment, the row's version column says the version "
                                   "(a new row's documents are loaded by the row's own validator).", 4)
                       + f"\n    return {name}(value, info.data.get({py_str(version_field)}))")
    return out


def _versioned_by_column(ctx: Context) -> list[str]:
    """A before-validator for documents whose version the row keeps in a column of its own: a field
    validator sees one field, so the row loads them, with the version beside them."""
    if not ctx.versioned_by_column:
        return []
    entries = ", ".join(f"({_names(f, c)}, {load}, {_names(vf, vc)})" for f, c, load, vf, vc in ctx.versioned_by_column)
    return ["",
            "    @_pd.model_validator(mode=\"before\")",
            "    @classmethod",
            "    def _load_documents_by_version_column(cls, data: object) -> object:",
            docstring("Loads each config document under the version its row keeps in another column.", 8),
            "        if not isinstance(data, dict):",
            "            return data",
            "        data = dict(data)",
            f"        for keys, load, version_keys in ({entries},):",
            "            version = next((data[k] for k in version_keys if k in data), None)",
            "            for k in keys:",
            "                if data.get(k) is not None:",
            "                    data[k] = load(data[k], version)",
            "        return data"]


def _names(fname: str, column: str) -> str:
    """The keys a value may come under: its field name, and its column name when that differs."""
    return f"({py_str(fname)},)" if fname == column else f"({py_str(fname)}, {py_str(column)})"


