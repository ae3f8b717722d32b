"""The upgrade functions of a generated config module, one per version after the first.

Each follows ``ir.upgrade`` step by step (rename, remove, map values, set, then defaults), with the
values thawed and the defaults planned at compile time, so the generated code needs no schema at run
time. A property test holds them equal to the reference on random documents.
"""

from __future__ import annotations

from specguard.compiler.emit.python.source import fit, literal, split_call
from specguard.compiler.ir.catalog import ConfigVersion
from specguard.compiler.ir.defaultsplan import DefaultsPlan, defaults_plan
from specguard.compiler.ir.upgrade import thaw


def upgrader_source(name: str, cls: str, versions: list[ConfigVersion]) -> list[str]:
    """``upgrade_<name>(doc, version)`` and the step functions it chains."""
    out: list[str] = [""]
    steps = []
    for v in versions[1:]:
        out += _step(v)
        steps.append(f"_to_v{v.version}")
    chain = ", ".join(steps) + ("," if len(steps) == 1 else "")
    out += ["", "", fit(f"_STEPS: tuple[Callable[[dict[str, Any]], dict[str, Any]], ...] = ({chain})"), "", "",
            *split_call(f"def upgrade_{name}(", ["doc: dict[str, Any]", "version: int"], ") -> dict[str, Any]:"),
            '    """``doc``, a document of ``version`` (without its version key), as a document of the latest version:',
            '    each later version\'s upgrade steps, then its defaults."""',
            "    for step in _STEPS[version - 1 :]:",
            "        doc = step(doc)",
            "    return doc"]
    return out


def _step(v: ConfigVersion) -> list[str]:
    plan = defaults_plan(v.schema)
    lines = ["", ""]
    if plan is not None:
        lines += [fit(f"_V{v.version}_DEFAULTS: up.Plan = {_plan(plan)}"), "", ""]
    lines += [f"def _to_v{v.version}(doc: dict[str, Any]) -> dict[str, Any]:",
              f'    """A document of version {v.version - 1} as one of version {v.version}."""',
              "    out = copy.deepcopy(doc)"]
    up = v.upgrade
    if up is not None:
        for old, new in up.rename:
            lines += [f"    if {literal(old)} in out:", f"        out[{literal(new)}] = out.pop({literal(old)})"]
        lines += [f"    out.pop({literal(key)}, None)" for key in up.remove]
        for key, mapping in up.map_values:
            pairs = literal(tuple((old, thaw(new)) for old, new in mapping))
            lines += [f"    if {literal(key)} in out:", fit(f"        out[{literal(key)}] = up.map_value(out[{literal(key)}], {pairs})")]
        lines += [fit(f"    out[{literal(key)}] = {literal(thaw(value))}") for key, value in up.set]
    lines.append(f"    return up.fill_document(out, _V{v.version}_DEFAULTS)" if plan is not None else "    return out")
    return lines


def _plan(plan: DefaultsPlan) -> str:
    items = ", ".join(f"{literal(e.key)}: ({e.has_default}, {literal(e.default)}, {_plan(e.nested) if e.nested else None})"
                      for e in plan.entries)
    return "{" + items + "}"
