"""The generated package of the row and cache tests, compiled from the small spec folder
``tests/emit/rows/specs`` (every column type, checks, a keyword column, an enum, a config, two cache
policies), with or without config-typed jsonb columns.

Config validators come from the config emitter (another part of specguard). Until the package has
one, the typed variant is tested with a stub ``configs/settings_config.py`` that honours the contract:
``SettingsConfig`` is the latest version's model, ``load_settings_config(data)`` validates a stored
document and returns that model.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from specguard.compiler.emit import artifacts
from specguard.compiler.emit.python import rows
from specguard.compiler.ir.catalog import Catalog
from specguard.compiler.pipeline import load_specs

HERE = Path(__file__).resolve().parent / "rows"
SPECS = HERE / "specs"
GOLDEN = HERE / "golden"

STUB_CONFIG = '''"""A stand-in for the config emitter's module, honouring its contract."""

import pydantic


class SettingsConfig(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(strict=True, extra="forbid")

    level: int = pydantic.Field(0, ge=0, le=3)


def load_settings_config(data: object) -> SettingsConfig:
    return SettingsConfig.model_validate(data)
'''


def catalog() -> Catalog:
    loaded = load_specs(SPECS)
    assert not loaded.diagnostics, [(d.code, str(d.span), d.message) for d in loaded.diagnostics]
    return loaded.catalog


@contextlib.contextmanager
def configs_typed(typed: bool) -> Iterator[None]:
    """Emit jsonb columns with a config typed by the config's model (``typed``) or as plain jsonb."""
    saved = rows.configs_compiled
    rows.configs_compiled = lambda: typed
    try:
        yield
    finally:
        rows.configs_compiled = saved


def emit(cat: Catalog, *, typed: bool) -> dict[str, str]:
    """Every file the emitters make of ``cat`` (paths relative to generated/)."""
    with configs_typed(typed):
        return artifacts.artifacts(cat)


def write_package(root: Path, files: dict[str, str], *, typed: bool) -> Path:
    """The files written under ``root`` (as generated/), the stub config module when typed; the folder
    holding ``specguard_generated``."""
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    package = root / "python" / "specguard_generated"
    if typed:
        (package / "configs").mkdir(exist_ok=True)
        (package / "configs" / "__init__.py").write_text("", encoding="utf-8")
        (package / "configs" / "settings_config.py").write_text(STUB_CONFIG, encoding="utf-8")
    return root / "python"
