"""The configs the upgrade tests run on: the golden case ``config_upgrade`` (three versions of
``persona``, every kind of step, both places a version can live) and the example app's specs."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from specguard.compiler.ir.catalog import Catalog
from specguard.compiler.pipeline import load_texts

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "cases" / "config_upgrade" / "after"
EXAMPLE = ROOT / "specs"


@cache
def catalog_of(folder: Path) -> Catalog:
    files = {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.yaml"))}
    result = load_texts(files)
    assert not [d for d in result.diagnostics if d.severity.name == "ERROR"], result.diagnostics
    return result.catalog
