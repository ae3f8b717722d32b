"""What pyproject.toml declares as package data exists, so the wheel ships what the code reads."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_declared_package_data_pattern_matches_a_file():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    data = conf["tool"]["setuptools"]["package-data"]
    for package, patterns in data.items():
        base = ROOT / "src" / Path(*package.split("."))
        for pattern in patterns:
            assert list(base.glob(pattern)), f"{package}: {pattern} matches nothing under {base}"


def test_the_package_is_typed():
    assert (ROOT / "src" / "specguard" / "py.typed").is_file()
