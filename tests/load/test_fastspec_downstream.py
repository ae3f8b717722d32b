"""Downstream of the load stage, the fast path's light spec objects change nothing: the catalog, every
diagnostic and every generated file are the same as when each document goes through Pydantic."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings

from specguard.compiler import pipeline
from specguard.compiler.emit.artifacts import artifacts
from specguard.compiler.load import validate

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from property.specgen import render, spec_sets  # noqa: E402  (tests/property, as pytest imports it)

ROOT = Path(__file__).resolve().parents[2]
TREES = [ROOT / "specs"] + sorted(p for p in (ROOT / "tests" / "cases").glob("*/*") if p.is_dir())


def _both(load) -> tuple:
    """(with the fast path, with Pydantic only): catalog, diagnostics, generated files."""
    out = []
    for fast in (validate.fast_spec, lambda kind, value: None):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(validate, "fast_spec", fast)
            result = load()
        files = artifacts(result.catalog) if not result.diagnostics else {}
        out.append((result.catalog, result.diagnostics, files))
    return tuple(out)


@pytest.mark.parametrize("tree", TREES, ids=[p.relative_to(ROOT).as_posix() for p in TREES])
def test_every_spec_tree_resolves_and_generates_alike(tree):
    fast, slow = _both(lambda: pipeline.load_specs(tree, display_base=ROOT))
    assert fast[1] == slow[1]
    assert fast[0] == slow[0]
    assert fast[2] == slow[2]


@settings(max_examples=10)  # drawing a spec set is slow
@given(spec_sets())
def test_random_spec_sets_resolve_and_generate_alike(spec):
    texts = render(spec)
    fast, slow = _both(lambda: pipeline.load_texts(texts))
    assert fast == slow
