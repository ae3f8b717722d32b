"""The generated package of the row and cache tests, compiled from the small spec folder
``tests/emit/rows/specs`` (every column type, checks, a keyword column, an enum, a config, two cache
policies), with or without config-typed jsonb columns.

The config column is typed by the config emitter's ``configs/settings_config.py``, compiled with the
rest.
"""

from __future__ import annotations

from pathlib import Path

from specguard.compiler.emit import artifacts
from specguard.compiler.ir.catalog import Catalog
from specguard.compiler.pipeline import load_specs

HERE = Path(__file__).resolve().parent / "rows"
SPECS = HERE / "specs"
GOLDEN = HERE / "golden"

def catalog() -> Catalog:
    loaded = load_specs(SPECS)
    assert not loaded.diagnostics, [(d.code, str(d.span), d.message) for d in loaded.diagnostics]
    return loaded.catalog


def emit(cat: Catalog) -> dict[str, str]:
    """Every file the emitters make of ``cat`` (paths relative to generated/)."""
    return artifacts.artifacts(cat)


def write_package(root: Path, files: dict[str, str]) -> Path:
    """The files written under ``root`` (as generated/); the folder holding ``specguard_generated``."""
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root / "python"
