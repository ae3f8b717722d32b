"""``specguard check``, shared by the console entry's fast path and the Typer command.

A content-hash cache answers a repeated check without reading YAML or importing a parser; on a miss
the pipeline runs and its result is stored for next time. A ``--base`` run also depends on git state
outside the tree: what it reads of the revision (its specs and generated/ folders) enters the key as
their git object ids, so a hit is still exactly what a cold run would print.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from specguard import __version__
from specguard.cli import emit, settings_for
from specguard.diagnostics import has_errors


def run_check(base: str | None, specs: Path | None, generated: Path | None, fmt: str, use_cache: bool = True) -> int:
    """Validate, check generated/, classify changes; print in ``fmt``; return the exit code."""
    caching = use_cache and not os.environ.get("SPECGUARD_NO_CACHE")
    s = settings_for(specs, generated, memo=caching)
    key = None
    if caching:
        from specguard.cli import resultcache

        options = {"cmd": "check"} if not base else _base_options(base, s)
        key = resultcache.check_key(__version__, options, s.specs, s.generated) if options else None
        cached = resultcache.load(s.root, key) if key else None
        if cached is not None:
            emit(cached, fmt, settings=s)
            return 1 if has_errors(cached) else 0
    result = _checked(s, base, caching)
    if key:
        from specguard.cli import resultcache

        resultcache.store(s.root, key, result.diagnostics)
    emit(result.diagnostics, fmt, result.sources, settings=s)
    return 1 if has_errors(result.diagnostics) else 0


def _base_options(base: str, s) -> dict | None:
    """What a ``--base`` run reads of the revision, for the cache key; None when git cannot say (the
    run then reports why, uncached)."""
    from specguard.compiler.load.git import tree_ids
    from specguard.diagnostics import SpecguardError

    try:
        ids = tree_ids(base, [s.specs, s.generated])
    except SpecguardError:
        return None
    # the revision as typed is in every display path of the base's objects
    return {"cmd": "check", "base": base, "trees": ids} if ids else None


def _checked(s, base: str | None, caching: bool):
    """The pipeline's check, with the per-file cache of parsed spec files when caching is on."""
    from specguard.compiler import pipeline

    with file_cache(s, caching):
        return pipeline.check(s.specs, s.generated, base=base)


@contextlib.contextmanager
def file_cache(s, caching: bool = True):
    """The per-file cache of parsed spec files (and the catalog cache beside it) active for the
    commands run inside; off with ``caching=False`` or ``SPECGUARD_NO_CACHE``."""
    if not caching or os.environ.get("SPECGUARD_NO_CACHE"):
        yield
        return
    from specguard.cli import resultcache
    from specguard.compiler.load import filecache

    cache = filecache.FileCache(resultcache.cache_dir(s.root) / "files", f"{__version__}:{resultcache.code_stamp()}")
    previous = filecache.activate(cache)
    try:
        yield
    finally:
        filecache.activate(previous)
        cache.prune()
