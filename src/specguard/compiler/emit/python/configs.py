"""Config validators, upgraders and loaders: ``generated/python/specguard_generated/configs/<config>.py``.

One module per config holds a strict Pydantic model per version (``PersonalityConfigV1``, ...),
``PersonalityConfig`` (the latest), the upgrade of a document from any version to the latest (exactly
the reference semantics of ``ir.upgrade``), ``is_valid_personality_config(document, version=LATEST)``:
the models' verdict without building them, and ``load_personality_config(data, version=None)``: the
stored document validated under the version it records, upgraded, and validated as the latest.
"""

from __future__ import annotations

import re

from specguard.compiler.emit.python import ROOT, module_path
from specguard.compiler.emit.python.runtime import runtime_sources
from specguard.compiler.emit.python.schemachecks import is_metadata
from specguard.compiler.emit.python.schematypes import Compiled, ModelClass, SchemaCompiler
from specguard.compiler.emit.python.source import fit, literal, split_call
from specguard.compiler.emit.python.upgraders import upgrader_source
from specguard.compiler.ir.catalog import DEFAULT_VERSION_KEY, Catalog, ConfigVersion

INIT = '''"""Config validators compiled by specguard: one module per config. Do not edit."""
'''
_IMPORTS = (
    ("copy", "import copy"),
    ("Annotated", None), ("Any", None), ("Literal", None), ("Callable", None),
    ("ConfigDict", None), ("Field", None), ("JsonValue", None), ("RootModel", None),
)  # fmt: skip


def class_name(config: str) -> str:
    """``personality_config`` -> ``PersonalityConfig``."""
    return "".join(p[:1].upper() + p[1:] for p in config.split("_") if p)


def emit_configs(catalog: Catalog) -> dict[str, str]:
    """The configs package: the support modules and one module per config."""
    names = sorted({c.name for c in catalog.configs})
    if not names:
        return {}
    files = {f"{ROOT}/configs/__init__.py": INIT}
    files.update({f"{ROOT}/configs/{name}": text for name, text in runtime_sources().items()})
    for name in names:
        files[module_path("configs", name)] = config_module(name, list(catalog.config_versions(name)))
    return files


def config_module(name: str, versions: list[ConfigVersion]) -> str:
    """The source of one config's module."""
    cls = class_name(name)
    compiled = [SchemaCompiler(v.schema, f"{cls}V{v.version}", f"V{v.version}").compile() for v in versions]
    body: list[str] = []
    for v, c in zip(versions, compiled):
        body += _version_block(v, c)
    latest = f"{cls}V{versions[-1].version}"
    body += ["", "", fit(f"{cls} = {latest}"), '"""The latest version of the config."""', ""]
    body += _rebuild_and_adapters(compiled)
    body += upgrader_source(name, cls, versions)
    body += _is_valid(name, cls, versions)
    body += _loader(name, cls, versions)
    text = re.sub(r"\n{4,}", "\n\n\n", "\n".join(body).strip("\n")) + "\n"  # at most two blank lines
    return _header(name, versions, text) + "\n\n" + text


def _header(name: str, versions: list[ConfigVersion], body: str) -> str:
    typing = [n for n in ("Annotated", "Any", "Literal") if re.search(rf"\b{n}\b", body)]
    pyd = [n for n in ("ConfigDict", "Field", "JsonValue", "RootModel") if re.search(rf"\b{n}\b", body)]
    # the name may be 63 bytes long: it gets a line of its own, so no line passes 120 characters
    lines = [f'"""The config `{name}`.', "",
             f"Validators of versions 1 to {versions[-1].version}, the upgrade to the latest, and the loader.",
             "Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.",
             '"""', "", "from __future__ import annotations", ""]
    if "copy." in body:
        lines.append("import copy")
    if "Callable" in body:
        lines.append("from collections.abc import Callable")
    if typing:
        lines.append(f"from typing import {', '.join(typing)}")
    lines.append("")
    if pyd:
        lines.append(f"from pydantic import {', '.join(pyd)}")
        lines.append("")
    lines += [f"from specguard_generated.configs import {mod} as {alias}"
              for mod, alias in (("_checks", "rt"), ("_upgrade", "up")) if re.search(rf"\b{alias}\.", body)]
    lines += ["", f"LATEST = {versions[-1].version}", f"VERSION_KEY = {literal(DEFAULT_VERSION_KEY)}"]
    return "\n".join(lines) + "\n"


def _version_block(v: ConfigVersion, c: Compiled) -> list[str]:
    out = ["", "", f"# --- version {v.version} " + "-" * 80, ""]
    for cls in c.classes:
        out += _class_source(cls, c.root == cls.name, v)
    if c.aliases:
        out += [""]
    for name, shape, checks in c.aliases:
        out += _alias_source(name, shape, checks)
    if not c.root_is_model:
        out += _root_model(f"{v.name}", v, c.root)
    return out


def _class_source(cls: ModelClass, is_root: bool, v: ConfigVersion) -> list[str]:
    doc = (v.description or f"Version {v.version} of `{v.name}`.") if is_root else (cls.description or "An object.")
    base = "rt.CheckedModel" if cls.checks else "rt.Model"
    out = ["", f"class {cls.name}({base}):", *_docstring(doc)]
    if cls.extra == "allow":
        out += ["", '    model_config = ConfigDict(extra="allow")']
    if cls.checks:
        checks = split_call("    checks_ = (", cls.checks, ")") if len(cls.checks) > 1 else \
            [fit(f"    checks_ = ({cls.checks[0]},)")]
        out += ["", *checks]
    if cls.extra_type:
        out += ["", fit(f'    __pydantic_extra__: dict[str, {cls.extra_type}] = Field(init=False)')]
    if cls.fields:
        out += ["", *(fit(f"    {f}") for f in cls.fields)]
    return out + [""]


def _docstring(text: str) -> list[str]:
    text = " ".join(text.split()).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    words, lines, line = text.split(" "), [], '    """'
    for w in words:
        if len(line) + len(w) + 1 > 116 and line.strip() != '"""':
            lines.append(line.rstrip())
            line = "    "
        line += w + " "
    lines.append(line.rstrip() + '"""')
    return lines


def _alias_source(name: str, shape: str, checks: list[str]) -> list[str]:
    if not checks:
        return [fit(f"{name} = {shape}")]
    # native metadata first: it constrains the shape's own core schema, which the Python checks wrap
    meta = [c for c in checks if is_metadata(c)]
    calls = [c for c in checks if not is_metadata(c)]
    parts = [*meta, f"rt.check({', '.join(calls)})"] if calls else meta
    one = f"{name} = Annotated[{shape}, {', '.join(parts)}]"
    if len(one) <= 120:
        return [one]
    lines = [f"{name} = Annotated[", fit(f"    {shape},"), *(fit(f"    {m},") for m in meta)]
    return lines + (split_call("    rt.check(", calls, "),") if calls else []) + ["]"]


def _root_model(config: str, v: ConfigVersion, root: str) -> list[str]:
    cls = f"{class_name(config)}V{v.version}"
    return ["", f"class {cls}(RootModel[{root}]):", *_docstring(v.description or f"Version {v.version} of `{config}`."),
            "", "    model_config = ConfigDict(strict=True)", ""]


def _rebuild_and_adapters(compiled: list[Compiled]) -> list[str]:
    classes = [cls.name for c in compiled for cls in c.classes]
    out = ["", "# the models refer to aliases defined after them: resolve those now"] if classes else []
    out += [f"{name}.model_rebuild()" for name in classes]
    adapters = [(n, a) for c in compiled for n, a in c.adapters]
    if adapters:
        out += ["", "# the subschemas that keyword checks validate against"]
        out += [fit(f"{n} = rt.adapter({a})") for n, a in adapters]
    return out + [""]


def _is_valid(name: str, cls: str, versions: list[ConfigVersion]) -> list[str]:
    checks = ", ".join(f"{v.version}: rt.validity({cls}V{v.version})" for v in versions)
    return [
        "",
        "",
        fit(f"_IS_VALID: dict[int, Callable[[Any], bool]] = {{{checks}}}"),
        "",
        "",
        *split_call(f"def is_valid_{name}(", ["document: object", "version: int = LATEST"], ") -> bool:"),
        '    """Whether ``document`` (its body: no version key) is valid under version ``version`` of the schema.',
        "",
        f"    The verdict of ``{cls}V<version>.model_validate``,",
        "    from the same checks run the same way, without building the model: a check or a gate that needs",
        '    no model pays for none. An unknown version raises ``up.ConfigVersionError`` (a ``ValueError``)."""',
        "    return _IS_VALID[up.known_version(version, LATEST)](document)",
    ]


def _loader(name: str, cls: str, versions: list[ConfigVersion]) -> list[str]:
    validators = ", ".join(f"{v.version}: {cls}V{v.version}.model_validate" for v in versions)
    return [
        "",
        "",
        fit(f"_VALIDATORS: dict[int, Callable[[Any], object]] = {{{validators}}}"),
        "",
        "",
        f"def load_{name}(",
        "    data: object, version: int | None = None, *, version_key: str | None = VERSION_KEY",
        f") -> {cls}:",
        '    """A stored document as the latest version: validated under the version it records (``version``, when',
        "    the row keeps it in a column; else the document's ``version_key``), upgraded, validated again. A",
        '    missing or unknown version raises ``up.ConfigVersionError`` (a ``ValueError``): it is never guessed."""',
        "    body, found = up.split_version(data, version, version_key, LATEST)",
        "    _VALIDATORS[found](body)",
        f"    upgraded = upgrade_{name}(body, found)",
        f"    return {cls}.model_validate(upgraded)",
        "",
        "",
        *split_call(f"def dump_{name}(", [f"config: {cls}", "*", "version_key: str | None = VERSION_KEY"], ") -> Any:"),
        '    """The document to store: the config as JSON, with the latest version under ``version_key`` (pass None',
        '    when the row keeps the version in a column)."""',
        '    doc = config.model_dump(mode="json", by_alias=True, exclude_unset=True)',
        "    return {**doc, version_key: LATEST} if version_key is not None and isinstance(doc, dict) else doc",
    ]
