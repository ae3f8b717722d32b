"""The fast path for clean spec documents (``load/fastspec.py``) against the Pydantic models it mirrors.

For every document, generated or real, the fast path either declines or gives an object equal to what
``model_validate`` gives: field by field, recursively, with the same types (bool is not int, a list is
not a tuple, None is None) and the same key order; it never accepts a document Pydantic refuses.
"""

from __future__ import annotations

import hashlib
import math
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from specguard.compiler.load import fastspec, specmodels
from specguard.compiler.load.validate import validate_document
from specguard.compiler.load.yamlsrc import parse_documents

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from property.specgen import render, spec_sets  # noqa: E402  (tests/property, as pytest imports it)

ROOT = Path(__file__).resolve().parents[2]
PYDANTIC = {cls.__name__: cls for cls in vars(specmodels).values()
            if isinstance(cls, type) and issubclass(cls, specmodels._Spec) and cls is not specmodels._Spec}


def same(light, pyd, where: str = "document") -> None:
    """``light`` equals ``pyd`` field by field, recursively, types included."""
    if isinstance(pyd, BaseModel):
        assert type(light).__name__ == type(pyd).__name__, where
        assert [f[0] for f in light.FIELDS] == list(type(pyd).model_fields), where
        for name in type(pyd).model_fields:
            same(getattr(light, name), getattr(pyd, name), f"{where}.{name}")
        assert repr(light) == repr(pyd) and str(light) == str(pyd), where
        return
    assert type(light) is type(pyd), f"{where}: {type(light).__name__} vs {type(pyd).__name__}"
    if type(pyd) is dict:
        assert len(light) == len(pyd), where
        for (lk, lv), (pk, pv) in zip(light.items(), pyd.items()):
            same(lk, pk, f"{where} key")
            same(lv, pv, f"{where}.{pk}")
    elif type(pyd) is list:
        assert len(light) == len(pyd), where
        for i, (lv, pv) in enumerate(zip(light, pyd)):
            same(lv, pv, f"{where}[{i}]")
    elif type(pyd) is float and math.isnan(pyd):
        assert math.isnan(light), where
    else:
        assert light == pyd, where


def differential(kind: str, value) -> bool:
    """Fast and Pydantic agree on ``value``; True when the fast path answered."""
    fast = fastspec.fast_spec(kind, value)
    try:
        expected = specmodels.SPEC_KINDS[kind].model_validate(value)
    except ValidationError:
        assert fast is None, f"the fast path accepted what Pydantic refuses: {value!r}"
        return False
    if fast is not None:
        same(fast, expected)
    return fast is not None


# --- the tables restate the models ---------------------------------------------------------------------

def _fingerprint() -> str:
    """What in the models the fast path depends on: fields, annotations, constraints, defaults, config."""
    parts = []
    for name, cls in sorted(PYDANTIC.items()):
        parts.append(f"{name} {sorted(cls.model_config.items())!r}")
        for fname, f in cls.model_fields.items():
            parts.append(f"  {fname} {f.alias} {f.annotation!r} {f.metadata!r} {f.default!r} {f.is_required()}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def test_the_tables_were_written_for_these_models():
    assert _fingerprint() == fastspec.MODELS_FINGERPRINT, (
        "specmodels.py changed: restate the change in fastspec.py's tables, then set MODELS_FINGERPRINT to "
        f"{_fingerprint()!r}"
    )


@pytest.mark.parametrize("name", sorted(PYDANTIC))
def test_every_model_has_a_light_twin_with_its_fields_and_defaults(name):
    model, light = PYDANTIC[name], getattr(fastspec, name)
    assert [(f[0], f[1]) for f in light.FIELDS] == [(n, f.alias or n) for n, f in model.model_fields.items()]
    for fname, _alias, _, default in light.FIELDS:
        field = model.model_fields[fname]
        assert (default is fastspec._REQUIRED) == field.is_required(), fname
        if default is not fastspec._REQUIRED:
            same(default(), field.default, f"{name}.{fname} default")
            assert default() is not default() or default() is None or type(default()) in (bool, str), fname


# --- generated documents: the shape of the format, valid and not -------------------------------------

ODD = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 100_002), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=4), st.just(""), st.just("\ud800"), st.just("é"), st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.just({"sql": "now()"}),
    st.just(("a",)), st.just(b"x"), st.just({1: "a"}),
)
ANY = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=4)),
                   lambda inner: st.one_of(st.lists(inner, max_size=3),
                                           st.dictionaries(st.text(max_size=3), inner, max_size=3)),
                   max_leaves=6)
WORDS = st.sampled_from(["id", "name", "now()", "x > 0", "1h", "5MB", "model", "btree", "gin", "backward", "full",
                         "cascade", "set_null", "key", "$version", "text", "uuid"])


def _shape(ann, noisy: bool) -> st.SearchStrategy:
    """Values of the type a model field declares, mostly valid."""
    origin, args = typing.get_origin(ann), typing.get_args(ann)
    if origin is typing.Annotated:
        return _shape(args[0], noisy)
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return documents(ann, noisy)
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return st.one_of([_shape(a, noisy) for a in args])
    if origin is list or ann is list:
        return st.lists(_shape(args[0], noisy) if args else ANY, min_size=0 if noisy else 1, max_size=3)
    if origin is dict or ann is dict:
        value = _shape(args[1], noisy) if args else ANY
        return st.dictionaries(WORDS | st.text(max_size=3), value, min_size=0 if noisy else 1, max_size=3)
    return {str: WORDS | st.text(min_size=0 if noisy else 1, max_size=5), bool: st.booleans(), int: st.integers(0, 100_001),
            float: st.floats(), type(None): st.none(), typing.Any: ANY}.get(ann, ANY)


@st.composite
def _document(draw, cls: type[BaseModel], noisy: bool) -> dict:
    """A mapping for ``cls``; ``noisy``: a wrong value, an unknown key or a missing one now and then."""
    out = {}
    for name, f in cls.model_fields.items():
        if f.is_required() or draw(st.booleans()):
            wrong = noisy and draw(st.integers(0, 9)) == 0
            out[f.alias or name] = draw(ODD if wrong else _shape(f.annotation, noisy))
    if noisy and draw(st.integers(0, 15)) == 0:
        out[draw(WORDS)] = draw(ODD)
    if noisy and out and draw(st.integers(0, 15)) == 0:
        del out[draw(st.sampled_from(sorted(out)))]
    return out


def documents(cls: type[BaseModel], noisy: bool) -> st.SearchStrategy:
    return st.deferred(lambda: _document(cls, noisy))


def _cases(models: dict) -> st.SearchStrategy:
    return st.tuples(st.sampled_from(sorted(models)), st.booleans()).flatmap(
        lambda c: st.tuples(st.just(c[0]), documents(models[c[0]], c[1])))


# more examples than the profile's default: this is the proof that the fast path is safe, and it is quick
@settings(max_examples=200)
@given(_cases(specmodels.SPEC_KINDS))
def test_generated_documents_fast_path_declines_or_equals_pydantic(case):
    differential(*case)


@settings(max_examples=200)
@given(_cases(PYDANTIC))
def test_every_nested_model_declines_or_equals_pydantic(case):
    name, value = case
    fast = fastspec._model(getattr(fastspec, name))
    try:
        expected = PYDANTIC[name].model_validate(value)
    except ValidationError:
        with pytest.raises(fastspec.Decline):
            fast(value)
        return
    try:
        same(fast(value), expected)
    except fastspec.Decline:
        pass


# --- edge cases, each named -----------------------------------------------------------------------------

COLUMN = {"type": "text"}
EDGES = [
    ("model", {"kind": "model", "name": "a", "columns": {"id": {"type": "uuid", "default": {"sql": "now()"}}}}),
    ("model", {"kind": "model", "name": "a", "columns": {"id": {"type": "t", "default": {"sql": 1}}}}),
    ("model", {"kind": "model", "name": "a", "columns": {"id": {"type": "t", "default": {"sql": "x", "y": 1}}}}),
    ("model", {"kind": "model", "name": "a", "columns": {"id": {"type": "t", "default": {"sql": "\ud800"}}}}),
    ("model", {"kind": "model", "name": "a", "columns": {"id": {"type": "t", "default": {1: 2}}}}),
    ("model", {"kind": "model", "name": "a", "columns": {"id": {"type": "t", "default": float("nan")}}}),
    ("model", {"kind": "model", "name": "a", "columns": {"id": {"type": "t", "default": 10**40}}}),
    ("model", {"kind": "model", "name": "a", "columns": {"id": {"type": "t", "default": [{"sql": "x"}]}}}),
    ("model", {"kind": "model", "name": "a", "columns": {"id": {"type": "t", "nullable": 1}}}),
    ("model", {"kind": "model", "name": "a", "columns": {}}),
    ("model", {"kind": "model", "name": "", "columns": {"id": COLUMN}}),
    ("model", {"kind": "model", "name": "\ud800", "columns": {"id": COLUMN}}),
    ("model", {"kind": "model", "name": "a", "columns": {"\ud800": COLUMN}}),
    ("model", {"kind": "model", "name": "a", "columns": {1: COLUMN}}),
    ("model", {"kind": "model", "name": "a", "columns": {"id": COLUMN}, "unique": [[]], "primary_key": ["id"]}),
    ("model", {"kind": "model", "name": "a", "columns": {"id": COLUMN}, "primary_key": []}),
    ("model", {"kind": "model", "name": "a", "columns": {"id": COLUMN}, "indexes": [{"columns": ["id"], "using": "gin"}]}),
    ("model", {"kind": "model", "name": "a", "columns": {"id": {"type": "jsonb", "config_version": {"key": ""}}}}),
    ("model", {"kind": "model", "name": "a", "columns": {"id": {"type": "jsonb", "config_version": {}}}}),
    ("enum", {"kind": "enum", "name": "a", "values": [""]}),
    ("enum", {"kind": "enum", "name": "a", "values": ("x",)}),
    ("config", {"kind": "config", "name": "a", "version": True, "schema": {}}),
    ("config", {"kind": "config", "name": "a", "version": 1.0, "schema": {}}),
    ("config", {"kind": "config", "name": "a", "version": 100_001, "schema": {}}),
    ("config", {"kind": "config", "name": "a", "version": 1, "schema_": {}}),
    ("config", {"kind": "config", "name": "a", "version": 1, "schema": {1: 2}}),
    ("config", {"kind": "config", "name": "a", "version": 2, "schema": {"type": "object"},
                "upgrade": {"map_values": {"k": {"a": None}}, "set": {"x": [1]}, "rename": {"a": "b"}}}),
    ("cache_policy", {"kind": "cache_policy", "name": "p", "model": "m", "key": "k:{id}", "chunking": {"max_bytes": 5}}),
    ("cache_policy", {"kind": "cache_policy", "name": "p", "model": "m", "key": "k", "chunking": {"max_bytes": True}}),
    ("cache_policy", {"kind": "cache_policy", "name": "p", "model": "m", "key": "k", "ttl": {"anonymous": 5}}),
]


@pytest.mark.parametrize("kind, value", EDGES)
def test_edge_cases_decline_or_equal_pydantic(kind, value):
    differential(kind, value)


# --- every real spec file -------------------------------------------------------------------------------

def _real_documents(folder: Path) -> list:
    out = []
    for p in sorted(folder.rglob("*.y*ml")):
        docs, errs = parse_documents(p.read_text("utf-8"), p.as_posix())
        out += [d for d in docs if isinstance(d.value, dict) and d.value.get("kind") in fastspec.KINDS]
    return out


def test_every_example_spec_takes_the_fast_path():
    docs = _real_documents(ROOT / "specs")
    assert docs
    assert all(differential(d.value["kind"], d.value) for d in docs)


def test_every_test_case_spec_declines_or_equals_pydantic():
    docs = _real_documents(ROOT / "tests" / "cases")
    assert docs
    for d in docs:
        differential(d.value["kind"], d.value)


@settings(max_examples=10)  # drawing a spec set is slow; the generated documents above cover the shapes
@given(spec_sets())
def test_random_valid_spec_sets_take_the_fast_path(spec):
    """The property suite's generator writes only valid specs: each must be answered, and equal."""
    for name, text in render(spec).items():
        docs, errs = parse_documents(text, name)
        assert not errs
        for d in docs:
            assert differential(d.value["kind"], d.value), d.value


def test_a_refused_document_still_gets_pydantics_diagnostics():
    docs, _ = parse_documents("kind: model\nname: a\ncolumns:\n  id: {type: text, nullable: 1}\n", "a.yaml")
    spec, errs = validate_document(docs[0])
    assert spec is None and [(e.code, e.span.line, e.span.column) for e in errs] == [("SG107", 4, 30)]


def test_a_check_of_the_example_imports_no_pydantic(tmp_path):
    import shutil

    for folder in ("specs", "generated"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    code = ("import sys; from specguard.cli.entry import entry; rc = entry(['check', '--no-cache']); "
            "print(rc, sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "0 []"


def test_the_kind_names_are_the_pydantic_models_in_their_order():
    # documents.py names a failed document's kind from fastspec.KINDS, so as not to import Pydantic
    assert fastspec.KINDS == tuple(specmodels.SPEC_KINDS)
