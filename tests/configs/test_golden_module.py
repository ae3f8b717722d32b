"""Golden generated code: a small spec folder (tests/configs/golden/specs) and the module and JSON Schema
files compiled from it (tests/configs/golden/expected). Refresh with ``--update-golden``, then review."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specguard.compiler.emit.jsonschema import emit_json_schemas
from specguard.compiler.emit.python.configs import config_module

from .generated import import_configs
from .specs import catalog_of

HERE = Path(__file__).resolve().parent / "golden"
NAME = "assistant_settings"


def _files() -> dict[str, str]:
    catalog = catalog_of(HERE / "specs")
    files = {f"{NAME}.py": config_module(NAME, list(catalog.config_versions(NAME)))}
    files.update({Path(p).name: text for p, text in emit_json_schemas(catalog).items()})
    return files


def test_generated_module_and_schemas_are_golden(request):
    update = request.config.getoption("--update-golden") or os.environ.get("SPECGUARD_UPDATE_GOLDEN") == "1"
    for name, text in _files().items():
        path = HERE / "expected" / name
        if update:
            path.write_text(text, encoding="utf-8")
        assert path.read_text(encoding="utf-8") == text, f"{path} differs: review, then --update-golden"


def test_the_golden_module_works(tmp_path):
    module = import_configs(tmp_path, {NAME: _files()[f"{NAME}.py"]})[NAME]
    doc = {"$version": 1, "name": "Ada", "mode": "batch-job", "budget": 2.5, "labels": {"home": "https://x.io"}}
    got = module.load_assistant_settings(doc)
    assert (got.style, got.budget, got.tools, got.class_) == ("batch", 2.5, [], None)
    for bad in ({"name": "admin1"}, {"name": "A", "budget": 0.3}, {"name": "A", "budget": 0}, {"name": "A", "class": 1},
                {"name": "A", "labels": {"x": "not a uri"}}, {"name": "A", "budget": "1"}):
        with pytest.raises(ValueError):
            module.load_assistant_settings({"$version": 1, **bad})
    tool = {"id": "123e4567-e89b-12d3-a456-426614174000", "options": {"x-a": 1}}
    v2 = module.load_assistant_settings({"$version": 2, "name": "A", "style": "chat", "tools": [tool], "reply": "hi"})
    assert v2.tools[0].options is not None and v2.reply == "hi"
    with pytest.raises(ValueError):  # the same tool twice
        module.load_assistant_settings({"$version": 2, "name": "A", "style": "chat", "tools": [tool, tool]})
    with pytest.raises(ValueError):  # an option that matches no pattern
        module.load_assistant_settings({"$version": 2, "name": "A", "style": "chat", "tools": [{**tool, "options": {"y": 1}}]})
