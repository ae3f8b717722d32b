"""``specguard check``, shared by the console entry's fast path and the Typer command.

A content-hash cache answers a repeated check without reading YAML or importing a parser; on a miss
the pipeline runs and its result is stored for next time. ``--base`` runs are never cached: they
depend on git state outside the tree.
"""

from __future__ import annotations

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
    if caching and not base:
        from specguard.cli import resultcache

        key = resultcache.check_key(__version__, {"cmd": "check"}, s.specs, s.generated)
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


def _checked(s, base: str | None, caching: bool):
    """The pipeline's check, with the per-file cache of parsed spec files when caching is on."""
    from specguard.compiler import pipeline

    if not caching:
        return pipeline.check(s.specs, s.generated, base=base)
    from specguard.cli import resultcache
    from specguard.compiler.load import filecache

    cache = filecache.FileCache(resultcache.cache_dir(s.root) / "files", f"{__version__}:{resultcache.code_stamp()}")
    previous = filecache.activate(cache)
    try:
        return pipeline.check(s.specs, s.generated, base=base)
    finally:
        filecache.activate(previous)
        cache.prune()
