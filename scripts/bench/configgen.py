"""specguard's config validators, found and generated for the config measurements.

The emitter is looked up rather than imported by name: any emitter registered in
``specguard.compiler.emit.artifacts.EMITTERS`` that writes modules under
``python/specguard_generated/configs/`` is the config emitter (issue 9's contract). Until one
exists, the measurements that need it report ``n/a`` with that reason.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from bench.common import Context, NotAvailable
from bench.synth import Sizes, write_tree

CONFIGS_PREFIX = "python/specguard_generated/configs/"


def config_catalog(ctx: Context):
    """The catalog of a tree holding only the synthetic configs (no models, no policies)."""
    try:
        from specguard.compiler.pipeline import load_specs
    except ImportError as exc:
        raise NotAvailable(f"specguard cannot be imported by {sys.executable}: {exc}") from None
    root = ctx.work / f"configs-{ctx.configs}"
    if not root.exists():
        write_tree(root, Sizes(0, ctx.configs, 0))
    loaded = load_specs(root / "specs")
    errors = [d for d in loaded.diagnostics if d.severity.name.lower() == "error"]
    if errors:
        raise NotAvailable(f"the synthetic configs do not load: {errors[0].code} {errors[0].message}")
    return loaded.catalog


def config_emitter(catalog) -> Any:
    """The registered emitter that writes config validators, or NotAvailable saying why not."""
    from specguard.compiler.emit.artifacts import EMITTERS

    for emit in EMITTERS:
        if any(path.startswith(CONFIGS_PREFIX) for path in emit(catalog)):
            return emit
    raise NotAvailable("no emitter in specguard.compiler.emit.artifacts.EMITTERS writes "
                       f"{CONFIGS_PREFIX} yet (issue 9's config validators)")


def pascal(name: str) -> str:
    """The class name issue 9 gives a config: ``personality_config`` -> ``PersonalityConfig``."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def import_validators(ctx: Context, catalog, emit) -> dict[tuple[str, int], Any]:
    """The generated version models, ``(config, version) -> class``, imported from a fresh folder."""
    out_dir = ctx.work / "configs-generated"
    files = emit(catalog)
    for rel, text in files.items():
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    sys.path.insert(0, str(out_dir / "python"))
    # a `specguard_generated` imported earlier in this process (another project's) would shadow this one
    for name in [m for m in sys.modules if m == "specguard_generated" or m.startswith("specguard_generated.")]:
        del sys.modules[name]
    importlib.invalidate_caches()
    classes = {}
    for c in catalog.configs:
        module = importlib.import_module(f"specguard_generated.configs.{c.name}")
        cls = getattr(module, f"{pascal(c.name)}V{c.version}", None)
        if cls is None:
            raise NotAvailable(f"specguard_generated.configs.{c.name} has no class {pascal(c.name)}V{c.version}")
        classes[(c.name, c.version)] = cls
    return classes


def write_schemas(ctx: Context, catalog) -> Path:
    """Each config version's JSON Schema as a file (datamodel-code-generator's input)."""
    folder = ctx.work / "configs-schemas"
    folder.mkdir(parents=True, exist_ok=True)
    for c in catalog.configs:
        (folder / f"{c.name}_v{c.version}.json").write_text(c.schema_json, "utf-8")
    return folder


def datamodel_codegen(schemas: Path, out: Path):
    """A function generating pydantic v2 models from ``schemas`` with no formatter (its fastest)."""
    from datamodel_code_generator import DataModelType, InputFileType, generate

    def run() -> None:
        generate(schemas, input_file_type=InputFileType.JsonSchema, output=out,
                 output_model_type=DataModelType.PydanticV2BaseModel, formatters=[])

    return run
