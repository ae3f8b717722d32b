"""Config modules compiled into a throwaway ``specguard_generated`` package and imported, for tests.

Each call makes a package of its own (a fresh folder and a unique package name is not possible, as
the modules import ``specguard_generated.configs``), so it purges the previous one from ``sys.modules``.
"""

from __future__ import annotations

import importlib
import itertools
import sys
from pathlib import Path
from types import ModuleType

from specguard.compiler.emit.python.configs import class_name, config_module
from specguard.compiler.emit.python.runtime import runtime_sources
from specguard.compiler.ir.catalog import ConfigVersion, canonical_json

_COUNTER = itertools.count()


def build_package(root: Path, modules: dict[str, str]) -> None:
    """Write a ``specguard_generated`` package holding ``modules`` (config name -> source) under ``root``."""
    pkg = root / "specguard_generated"
    configs = pkg / "configs"
    configs.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").write_text('"""Test package."""\n')
    (configs / "__init__.py").write_text('"""Test package."""\n')
    for name, text in runtime_sources().items():
        (configs / name).write_text(text)
    for name, text in modules.items():
        (configs / f"{name}.py").write_text(text)


def import_configs(root: Path, modules: dict[str, str]) -> dict[str, ModuleType]:
    """Build the package under a fresh folder of ``root`` and import every module of it."""
    folder = root / f"pkg{next(_COUNTER)}"
    build_package(folder, modules)
    for name in [m for m in sys.modules if m == "specguard_generated" or m.startswith("specguard_generated.")]:
        del sys.modules[name]
    sys.path.insert(0, str(folder))
    try:
        importlib.invalidate_caches()
        return {name: importlib.import_module(f"specguard_generated.configs.{name}") for name in modules}
    finally:
        sys.path.remove(str(folder))


def compile_versions(root: Path, name: str, versions: list[ConfigVersion]) -> ModuleType:
    """The imported module of one config."""
    return import_configs(root, {name: config_module(name, versions)})[name]


def compile_schema(root: Path, schema, name: str = "probe"):
    """The model class of ``schema`` compiled as version 1 of a config."""
    module = compile_versions(root, name, [ConfigVersion(name, 1, canonical_json(schema))])
    return getattr(module, f"{class_name(name)}V1")
