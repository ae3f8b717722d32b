"""``specguard init``: scaffold specs/, a [tool.specguard] section and a pre-commit hook entry."""

from __future__ import annotations

from pathlib import Path

EXAMPLE_MODEL = """\
# yaml-language-server: $schema=../generated/spec.schema.json
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
generated = "generated"
"""

PRE_COMMIT_ENTRY = """\
  - repo: local
    hooks:
      - id: specguard-check
        name: specguard check
        entry: specguard check
        language: system
        pass_filenames: false
        files: ^({specs}/|generated/)
"""


def scaffold(root: Path, specs: Path) -> list[str]:
    """Create what is missing; never overwrite. Returns one line per action, for the user."""
    from specguard.compiler.store.atomic import write_if_changed

    done: list[str] = []
    spec_dir = root / specs
    if not spec_dir.exists() or not any(spec_dir.rglob("*.y*ml")):
        write_if_changed(spec_dir / "account.yaml", EXAMPLE_MODEL)
        done.append(f"created {specs}/account.yaml")
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text("utf-8") if pyproject.exists() else ""
    if "[tool.specguard]" not in text:
        write_if_changed(pyproject, text + PYPROJECT_SECTION.replace("{specs}", specs.as_posix()))
        done.append("added [tool.specguard] to pyproject.toml")
    hooks = root / ".pre-commit-config.yaml"
    htext = hooks.read_text("utf-8") if hooks.exists() else ""
    if "specguard" not in htext:
        entry = PRE_COMMIT_ENTRY.replace("{specs}", specs.as_posix())
        new = (htext.rstrip("\n") + "\n" + entry) if "repos:" in htext else (htext + "repos:\n" + entry)
        write_if_changed(hooks, new)
        done.append("added a specguard-check hook to .pre-commit-config.yaml")
    if not done:
        done.append("nothing to do: specguard is already set up here")
    done.append("next: edit the specs, then `specguard plan` and `specguard compile`")
    return done
