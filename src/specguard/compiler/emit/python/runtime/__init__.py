"""The support modules of the generated config validators, copied verbatim into
``generated/python/specguard_generated/configs/``: the keyword checks (``_checks``), the keywords
pydantic-core enforces itself (``_native``) and the string formats (``_formats``). They import nothing
but pydantic and the standard library, and each other only relatively, so the same file works in both
places and is tested here directly."""

from __future__ import annotations

from importlib import resources

FILES = ("_checks.py", "_formats.py", "_native.py", "_upgrade.py")


def runtime_sources() -> dict[str, str]:
    """``{file name: text}`` of the support modules, as they are written into the generated package."""
    pkg = resources.files(__name__)
    return {name: pkg.joinpath(name).read_text(encoding="utf-8") for name in FILES}
