"""Python emitted from the catalog: an importable package under ``generated/python/``.

Layout (each part written by its own emitter, registered in ``compiler/emit/artifacts.py``):

    generated/python/pyproject.toml                  `pip install -e generated/python` makes it importable
    generated/python/specguard_generated/__init__.py
    generated/python/specguard_generated/py.typed
    generated/python/specguard_generated/configs/... one module per config (validators, upgraders)
    generated/python/specguard_generated/rows/...    row models per model
    generated/python/specguard_generated/cache...    cache policies

Generated code is byte-for-byte reproducible (sorted members and imports, no timestamps), passes
``ruff check`` and ``mypy --strict``, and imports nothing but the standard library and pydantic.
"""

PACKAGE = "specguard_generated"
ROOT = f"python/{PACKAGE}"


def module_path(*parts: str) -> str:
    """The path (relative to generated/) of a module of the package: ``module_path("configs", "x")``."""
    return "/".join((ROOT, *parts)) + ".py"
