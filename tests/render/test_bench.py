"""scripts/bench.py: its import-time parser and its synthetic spec trees (the timing itself is not tested)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import yaml

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("specguard_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def test_parse_importtime():
    bench = load_bench()
    rows = bench.parse_importtime(
        "import time: self [us] | cumulative | imported package\n"
        "import time:       120 |        120 |   _io\n"
        "import time:       300 |       2500 | yaml\n"
        "import time:        40 |         40 |     yaml.error\n"
        "something else\n"
    )
    assert [(r["module"], r["depth"], r["self_us"], r["cumulative_us"]) for r in rows] == [
        ("_io", 1, 120, 120), ("yaml", 0, 300, 2500), ("yaml.error", 2, 40, 40)]


def test_synthetic_tree_is_well_formed(tmp_path):
    bench = load_bench()
    specs = bench.synthetic_tree(tmp_path, 5)
    files = sorted(specs.rglob("*.yaml"))
    assert len([f for f in files if f.parent.name == "models"]) == 5
    for f in files:
        doc = yaml.safe_load(f.read_text())
        assert doc["kind"] in {"model", "enum", "config", "cache_policy"}
    m4 = yaml.safe_load((specs / "models" / "model_00004.yaml").read_text())
    assert m4["foreign_keys"][0]["references"]["model"] == "Model00003"
    assert m4["indexes"][1]["where"] == "\"status\" = 'active'"
