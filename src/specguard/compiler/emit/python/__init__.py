"""Python emitted from the catalog: an importable package under ``generated/python/``.

Layout (each part written by its own emitter, registered in ``compiler/emit/artifacts.py``):

    generated/python/pyproject.toml                  `pip install -e generated/python` makes it importable
    generated/python/specguard_generated/__init__.py
    generated/python/specguard_generated/py.typed
    generated/python/specguard_generated/configs/... one module per config (validators, upgraders)
    generated/python/specguard_generated/rows/...    one module per model: <Model>Row, <Model>Insert (rows.py)
    generated/python/specguard_generated/cache_policies.py, cache_runtime.py   (cache.py)
    generated/cache_policies.json                    the cache policies for other languages (../cache_json.py)

Generated code is byte-for-byte reproducible (sorted members and imports, no timestamps), passes
``ruff check`` and ``mypy --strict``, and imports nothing but the standard library and pydantic
(and redis-py in ``cache_runtime``, the package's ``cache`` extra). ``source`` writes the literals
and wraps long lines; ``static/`` holds the modules copied as they are (``rows/_types.py``,
``cache_runtime.py``), real Python that specguard's own lint checks.
"""

PACKAGE = "specguard_generated"
ROOT = f"python/{PACKAGE}"


def module_path(*parts: str) -> str:
    """The path (relative to generated/) of a module of the package: ``module_path("configs", "x")``."""
    return "/".join((ROOT, *parts)) + ".py"
