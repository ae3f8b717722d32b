"""Where the specs and ``generated/`` are: flags, else ``[tool.specguard]`` in pyproject.toml, else defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from specguard.diagnostics import SpecguardError


@dataclass(frozen=True)
class Settings:
    root: Path
    specs: Path
    generated: Path


def settings_for(specs: Path | None, generated: Path | None = None) -> Settings:
    """Paths from flags, else ``[tool.specguard]`` in ./pyproject.toml, else specs/ and generated/."""
    root = Path.cwd()
    conf: dict = {}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        try:
            conf = tomllib.loads(pyproject.read_text("utf-8")).get("tool", {}).get("specguard", {}) or {}
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            from specguard.diagnostics.codes import diag

            raise SpecguardError(diag("SG003", f"cannot read {pyproject}: {exc}")) from None
    spec_dir = specs or Path(str(conf.get("specs", "specs")))
    gen_dir = generated or Path(str(conf.get("generated", "generated")))
    return Settings(root, spec_dir, gen_dir)
