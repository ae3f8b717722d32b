"""The row and cache emitters on a small spec folder (``tests/emit/rows/specs``): golden modules, byte
for byte reproducible, and a package that passes ruff and mypy --strict and behaves as the specs say.

Refresh the golden files with ``pytest tests/emit/test_rows.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import rowpkg  # noqa: E402
from generated_import import imported  # noqa: E402

from specguard.compiler.pipeline import load_texts  # noqa: E402

# copies of specguard's static files and the package skeleton: not golden, the same for every catalog
NOT_GOLDEN = {"python/specguard_generated/rows/_types.py", "python/specguard_generated/cache_runtime.py",
              "python/pyproject.toml", "python/specguard_generated/__init__.py", "python/specguard_generated/py.typed"}


@pytest.fixture(scope="module")
def cat():
    return rowpkg.catalog()


def _golden(request, path: Path, actual: str) -> None:
    if request.config.getoption("--update-golden") or os.environ.get("SPECGUARD_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with --update-golden"
    assert actual == path.read_text(encoding="utf-8"), f"{path} differs: review, then --update-golden"


def _rows_and_cache(files: dict[str, str]) -> dict[str, str]:
    # the config emitter's files are golden in tests/configs/
    return {rel: text for rel, text in files.items() if rel not in NOT_GOLDEN and "/configs/" not in rel
            and not rel.startswith("jsonschema/")}


def test_golden_modules(request, cat):
    files = _rows_and_cache(rowpkg.emit(cat))
    for rel, text in files.items():
        _golden(request, rowpkg.GOLDEN / rel, text)
    stored = {p.relative_to(rowpkg.GOLDEN).as_posix() for p in rowpkg.GOLDEN.rglob("*") if p.is_file()}
    assert stored == set(files), "a golden file without a generated file"


def test_emitted_bytes_do_not_depend_on_file_order_or_runs(cat):
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(rowpkg.SPECS.glob("*.yaml"))}
    reordered = load_texts(dict(reversed(list(texts.items())))).catalog
    first = rowpkg.emit(cat)
    assert first == rowpkg.emit(reordered) == rowpkg.emit(rowpkg.catalog())


@pytest.fixture(scope="module")
def typed_package(tmp_path_factory, cat):
    return rowpkg.write_package(tmp_path_factory.mktemp("gen"), rowpkg.emit(cat))


def _tool(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def test_the_test_package_passes_ruff_and_mypy_strict(typed_package):
    _ruff_and_mypy(typed_package)


def test_the_index_finds_each_model_and_imports_only_it(typed_package):
    with imported(typed_package):
        from specguard_generated import rows

        assert rows.MODULES == {"ChildItem": "child_item", "Everything": "everything"}
        assert rows.row_model("ChildItem").__name__ == "ChildItemRow"
        assert "specguard_generated.rows.everything" not in sys.modules
        assert rows.insert_model("Everything").__name__ == "EverythingInsert"


def _everything(**changes) -> dict:
    import uuid
    from datetime import UTC, date, datetime

    return {"id": uuid.uuid4(), "small": -1, "big": 20, "ratio": 1.0, "day": date(2026, 1, 1),
            "at": datetime(2026, 1, 1), "atz": datetime(2026, 1, 1, tzinfo=UTC), "code": "abc", **changes}


def test_columns_named_like_keywords_take_their_column_name(typed_package):
    with imported(typed_package):
        from specguard_generated.rows.everything import EverythingRow

        row = EverythingRow.model_validate(_everything(**{"from": "x", "json": 3, "model_name": "m"}))
        assert (row.from_, row.json_, row.model_name_) == ("x", 3, "m")
        assert {"from", "json", "model_name"} <= set(row.model_dump(by_alias=True))


def test_a_deprecated_column_warns_when_read(typed_package):
    with imported(typed_package):
        from specguard_generated.rows.everything import EverythingRow

        row = EverythingRow.model_validate(_everything(legacy="old"))
        with pytest.warns(DeprecationWarning, match="moved to note"):
            assert row.legacy == "old"


def test_a_config_column_is_typed_by_the_configs_latest_model(typed_package):
    from pydantic import ValidationError

    with imported(typed_package):
        from specguard_generated.configs.settings_config import SettingsConfig
        from specguard_generated.rows.everything import EverythingRow

        row = EverythingRow.model_validate(_everything(settings={"$version": 1, "level": 2}))
        assert row.settings == SettingsConfig(level=2)
        assert EverythingRow.model_validate(_everything(settings=SettingsConfig(level=1))).settings.level == 1
        with pytest.raises(ValidationError, match="settings"):
            EverythingRow.model_validate(_everything(settings={"$version": 1, "level": 9}))


def test_values_are_held_as_postgresql_stores_them(typed_package):
    from decimal import Decimal

    with imported(typed_package):
        from specguard_generated.rows.everything import EverythingRow

        row = EverythingRow.model_validate(_everything(price=Decimal("2.345"), code="ab    ", ratio=0.7))
        assert row.price == Decimal("2.35") and row.code == "ab   " and row.ratio == 0.699999988079071


def _long(prefix: str) -> str:
    return (prefix + "_abcdefghijklmnopqrstuvwxyz" * 3)[:63]


def test_the_longest_names_and_values_stay_lint_clean_and_typed(tmp_path):
    """Identifiers at PostgreSQL's 63 bytes, long descriptions, defaults and check constants: every
    line still fits ruff's 120 columns, and mypy --strict still passes."""
    model, col, enum, cfg, check = _long("Model"), _long("column"), _long("Enum"), _long("config"), _long("Check")
    long_text = "a long value " * 12
    specs = {
        "m.yaml": f"""kind: model
name: {model}
description: {"Words that go on and on. " * 12}
columns:
  id: {{type: bigint, primary_key: true}}
  {col}: {{type: "{enum}[]", nullable: true, description: {"x" * 300}}}
  {col[:-1]}2: {{type: "varchar(200)", default: "{long_text}"}}
  {col[:-1]}3: {{type: jsonb, default: {{{", ".join(f"key{i}: [{i}, {i + 1}, text{i}]" for i in range(12))}}}}}
  {col[:-1]}4: {{type: jsonb, nullable: true, config: {cfg}, deprecated: {"a reason " * 20}}}
  {col[:-1]}5: {{type: "numeric(20,5)", default: 12345.5}}
checks:
  - name: {check}
    expression: '"{col[:-1]}2" <> ''{long_text}'' AND "{col[:-1]}5" <= 999999999999'
""",
        "e.yaml": f"kind: enum\nname: {enum}\nvalues: [{', '.join(_long(f'v{i}') for i in range(4))}]\n",
        "c.yaml": f"kind: config\nname: {cfg}\nversion: 1\nschema: {{type: object}}\n",
        "p.yaml": f"kind: cache_policy\nname: {_long('policy')}\nmodel: {model}\nkey: '{_long('prefix')}:{{id}}'\n"
                  f"ttl: {{anonymous: 5s}}\ninvalidate_on: [{model}]\n",
    }
    loaded = load_texts(specs)
    assert not loaded.diagnostics, [(d.code, str(d.span), d.message) for d in loaded.diagnostics]
    root = rowpkg.write_package(tmp_path, rowpkg.emit(loaded.catalog))
    _ruff_and_mypy(root)


def _ruff_and_mypy(root: Path) -> None:
    ruff = subprocess.run([_tool("ruff"), "check", "--no-cache", "--isolated", "--select", "E,F,W,I,B,UP",
                           "--line-length", "120", str(root)], capture_output=True, text=True, timeout=120)
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr
    mypy = subprocess.run([_tool("mypy"), "--strict", "--no-incremental", "--cache-dir", os.devnull,
                           "-p", "specguard_generated"], cwd=root, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "MYPYPATH": str(root)})
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr


VERSIONED = {
    "m.yaml": """kind: model
name: Bot
columns:
  id: {type: bigint, primary_key: true}
  class: {type: jsonb, nullable: true, config: c, config_version: {column: class_version}}
  class_version: {type: integer, nullable: true}
  tuned: {type: jsonb, config: c, config_version: {key: v}}
  plain: {type: jsonb, config: c}
""",
    "c.yaml": """kind: config
name: c
version: 1
schema: {type: object, properties: {mood: {type: string}}, additionalProperties: false}
---
kind: config
name: c
version: 2
schema: {type: object, properties: {tone: {type: string}}, additionalProperties: false}
upgrade: {rename: {mood: tone}}
""",
}


def test_config_documents_load_under_the_version_their_column_says(tmp_path):
    """A document keeps its version under the default key, a key of its own, or in a column beside it
    (`config_version:`); each row field loads it under that version, on construction and on
    assignment, and a missing version is refused, never guessed."""
    from pydantic import ValidationError

    loaded = load_texts(VERSIONED)
    assert not loaded.diagnostics, [(d.code, str(d.span), d.message) for d in loaded.diagnostics]
    root = rowpkg.write_package(tmp_path, rowpkg.emit(loaded.catalog))
    _ruff_and_mypy(root)
    with imported(root):
        from specguard_generated.configs.c import C
        from specguard_generated.rows.bot import BotInsert, BotRow

        row = BotRow.model_validate({"id": 1, "class": {"mood": "calm"}, "class_version": 1,
                                     "tuned": {"v": 1, "mood": "shy"}, "plain": {"$version": 2, "tone": "dry"}})
        assert (row.class_, row.tuned, row.plain) == (C(tone="calm"), C(tone="shy"), C(tone="dry"))
        assert BotRow.model_validate({"id": 1, "class_": {"tone": "x"}, "class_version": 2, "tuned": {"v": 2},
                                      "plain": {"$version": 1}}).class_ == C(tone="x")
        assert BotInsert(id=2, class_=None, class_version=None, tuned=C(), plain=C()).class_ is None
        row.class_ = {"mood": "loud"}  # type: ignore[assignment]  # a version-1 document, as class_version says
        assert row.class_ == C(tone="loud")
        for bad in ({"class": {"mood": "calm"}, "class_version": None}, {"class": {"mood": "calm"}, "class_version": 7},
                    {"tuned": {"$version": 1}}, {"plain": {"v": 1}}):
            with pytest.raises(ValidationError):
                BotRow.model_validate({"id": 1, "class": None, "class_version": None, "tuned": {"v": 2},
                                       "plain": {"$version": 2}, **bad})
