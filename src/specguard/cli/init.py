"""``specguard init``: scaffold specs/, a [tool.specguard] section and a pre-commit hook entry."""

from __future__ import annotations

import os
from pathlib import Path

EXAMPLE_MODEL = """\
# yaml-language-server: $schema={schema}
kind: model
name: Account
description: An example model; edit or replace it.
columns:
  id:        {type: uuid, primary_key: true, default: {sql: gen_random_uuid()}}
  email:     {type: text, unique: true}
  createdAt: {type: timestamptz, default: {sql: now()}}
"""

PYPROJECT_SECTION = """
[tool.specguard]
specs = "{specs}"
generated = "{generated}"
"""


def scaffold(root: Path, specs: Path, generated: Path = Path("generated")) -> list[str]:
    """Create what is missing; never overwrite. Returns one line per action, for the user."""
    from specguard.compiler.store.atomic import write_if_changed

    done: list[str] = []
    spec_dir = root / specs
    if not spec_dir.exists() or not any(spec_dir.rglob("*.y*ml")):
        schema = Path(os.path.relpath(root / generated / "spec.schema.json", spec_dir)).as_posix()
        write_if_changed(spec_dir / "account.yaml", EXAMPLE_MODEL.replace("{schema}", schema))
        done.append(f"created {specs.as_posix()}/account.yaml")
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text("utf-8") if pyproject.exists() else ""
    if "[tool.specguard]" not in text:
        section = PYPROJECT_SECTION.replace("{specs}", specs.as_posix()).replace("{generated}", generated.as_posix())
        write_if_changed(pyproject, text + section)
        done.append("added [tool.specguard] to pyproject.toml")
    done += _pre_commit(root / ".pre-commit-config.yaml", specs, generated)
    if not done:
        done.append("nothing to do: specguard is already set up here")
    done.append("next: edit the specs, then `specguard plan` and `specguard compile`")
    return done


def _pre_commit(path: Path, specs: Path, generated: Path) -> list[str]:
    """Add the hook to ``.pre-commit-config.yaml`` as YAML data; say so, or why it could not."""
    from specguard.cli.precommit import NotEditable, add_hook, hook_entry
    from specguard.compiler.store.atomic import write_if_changed

    text = path.read_text("utf-8") if path.exists() else ""
    try:
        new = add_hook(text, hook_entry(specs.as_posix(), generated.as_posix()))
    except NotEditable as exc:
        return [f"left .pre-commit-config.yaml as it is: {exc}; add the specguard-check hook by hand "
                "(see the README, section pre-commit and CI)"]
    if new is None:
        return []
    write_if_changed(path, new)
    return ["added a specguard-check hook to .pre-commit-config.yaml"]
