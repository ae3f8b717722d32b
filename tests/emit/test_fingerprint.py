"""The inputs fingerprint walks each class by a plan made once; this holds it to the definition,
written out generically: every non-compared field but the spans, ``\\0<path>\\0<repr>``, depth first."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specguard import __version__
from specguard.compiler.emit.fingerprint import inputs_fingerprint
from specguard.compiler.pipeline import load
from tests.store.strategies import catalogs

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(p for p in (ROOT / "tests" / "cases").glob("*/*")
               if p.name in ("before", "after") and any(p.rglob("*.yaml")))


def _generic(obj, path: str):
    if isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _generic(item, f"{path}/{i}")
        return
    if not dataclasses.is_dataclass(obj):
        return
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if not f.compare:
            if f.name not in ("span", "renamed_from") and value is not None:
                yield f"{path}.{f.name}", value
        elif isinstance(value, tuple) or dataclasses.is_dataclass(value):
            yield from _generic(value, f"{path}.{f.name}")


def reference(catalog) -> str:
    h = hashlib.sha256(__version__.encode())
    for path, value in _generic(catalog, ""):
        h.update(f"\0{path}\0{value!r}".encode())
    return h.hexdigest()


@pytest.mark.parametrize("specs", [ROOT / "specs", *CASES], ids=lambda p: str(p.relative_to(ROOT)))
def test_spec_trees_fingerprint_as_defined(specs):
    catalog = load(specs).catalog
    assert inputs_fingerprint(catalog) == reference(catalog)


@given(catalogs(), st.text(max_size=20))
def test_random_catalogs_fingerprint_as_defined(catalog, description):
    # a description is left out of equality: one more non-compared value on the walk
    if catalog.tables:
        t = dataclasses.replace(catalog.tables[0], description=description or None)
        catalog = dataclasses.replace(catalog, tables=(t, *catalog.tables[1:]))
    assert inputs_fingerprint(catalog) == reference(catalog)


def test_a_presentation_change_changes_it_and_a_span_does_not():
    catalog = load(ROOT / "specs").catalog
    t = catalog.tables[0]
    moved = dataclasses.replace(catalog, tables=(dataclasses.replace(t, span=None), *catalog.tables[1:]))
    described = dataclasses.replace(catalog, tables=(dataclasses.replace(t, description="other words"),
                                                     *catalog.tables[1:]))
    assert inputs_fingerprint(moved) == inputs_fingerprint(catalog)
    assert inputs_fingerprint(described) != inputs_fingerprint(catalog)
