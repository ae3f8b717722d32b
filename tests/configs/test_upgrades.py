"""The generated upgraders and loaders: every document valid under an older version becomes, upgraded,
a document the latest version accepts (by jsonschema and by the generated model); the generated
upgrade equals the reference ``ir.upgrade`` on any document; a version is read, never guessed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from specguard.compiler.emit.python.configs import class_name
from specguard.compiler.ir.upgrade import upgrade_through

from .docgen import valid_documents
from .generated import compile_versions
from .specs import EXAMPLE, GOLDEN, catalog_of

CONFIGS = [(GOLDEN, "persona"), (EXAMPLE, "personality_config")]
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module", params=CONFIGS, ids=[c[1] for c in CONFIGS])
def config(request, tmp_path_factory):
    folder, name = request.param
    versions = list(catalog_of(folder).config_versions(name))
    assert len(versions) >= 3
    return name, versions, compile_versions(tmp_path_factory.mktemp(name), name, versions)


@SETTINGS
@given(data=st.data())
def test_documents_of_every_older_version_upgrade_to_valid_latest_documents(config, data):
    name, versions, module = config
    latest = versions[-1]
    k = data.draw(st.integers(1, latest.version - 1))
    doc = data.draw(valid_documents(versions[k - 1].schema))
    upgraded = getattr(module, f"upgrade_{name}")(doc, k)
    assert upgraded == upgrade_through(doc, versions[k:])
    assert Draft202012Validator(latest.schema, format_checker=Draft202012Validator.FORMAT_CHECKER).is_valid(upgraded)
    loaded = getattr(module, f"load_{name}")({**doc, "$version": k})
    assert isinstance(loaded, getattr(module, class_name(name)))
    assert getattr(module, f"load_{name}")(doc, version=k, version_key=None) == loaded


ANY_DOC = st.dictionaries(st.sampled_from(["mood", "tone", "level", "legacy", "legacyFlag", "limits", "safety", "x"]),
                          st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                                       | st.sampled_from(["cheerful", "calm", "1", "3", "1.5"]),
                                       lambda v: st.lists(v, max_size=2) | st.dictionaries(st.sampled_from(["level", "tokens"]), v, max_size=2),
                                       max_leaves=5), max_size=5)


@SETTINGS
@given(data=st.data(), doc=ANY_DOC)
def test_generated_upgrade_is_the_reference_on_any_document(config, data, doc):
    name, versions, module = config
    k = data.draw(st.integers(1, versions[-1].version))
    assert getattr(module, f"upgrade_{name}")(doc, k) == upgrade_through(doc, versions[k:])


@pytest.mark.parametrize("data,version", [
    ({"tone": "calm"}, None),                # no version key
    ({"$version": "1", "tone": "calm"}, None),
    ({"$version": True}, None),
    ({"$version": 0}, None),
    ({"$version": 99}, None),
    ([1], None),
    ({"tone": "calm"}, 0),
])
def test_a_missing_or_unknown_version_is_refused(config, data, version):
    name, _, module = config
    with pytest.raises(ValueError, match="version|object"):
        getattr(module, f"load_{name}")(data, version=version)


def test_dump_writes_the_latest_version(config):
    name, versions, module = config
    first = {"persona": {"mood": "cheerful"}, "personality_config": {"mood": "cheerful"}}[name]
    loaded = getattr(module, f"load_{name}")({**first, "$version": 1})
    dumped = getattr(module, f"dump_{name}")(loaded)
    assert dumped["$version"] == versions[-1].version
    assert getattr(module, f"load_{name}")(dumped) == loaded
