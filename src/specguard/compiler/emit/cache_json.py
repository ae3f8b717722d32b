"""The cache policies as JSON, for code that is not Python (a TypeScript service sharing the Redis):
``generated/cache_policies.json``.

It says everything the Python runtime knows: per policy its key template and parts, TTL per audience,
whether it may be cached at all, the chunk size, and which keys a write to each model clears; and how
values are escaped into keys and stored, so another runtime can read and write the same keys.
"""

from __future__ import annotations

import json

from specguard.compiler.emit.python.cache import invalidates
from specguard.compiler.ir.cachekey import SEPARATORS, VALUE_SAFE, invalidation_columns, key_parts, key_prefix
from specguard.compiler.ir.catalog import CachePolicy, Catalog

PATH = "cache_policies.json"
FORMAT = {
    "key_escaping": "in a value, every ASCII character outside `safe` becomes %XX (its code, upper-case hex); "
                    "characters beyond ASCII are kept",
    "safe": "".join(sorted(VALUE_SAFE)),
    "separators": "".join(sorted(SEPARATORS)),
    "value": "`sg1 v <ttl>\\n<payload>`, or for a value over chunk_max_bytes the line "
             "`sg1 c <ttl> <size> <count> <sha256 hex>` with the chunks at `<key>#<sha256 hex[:16]>.<index>`",
    "freshness": "a reader whose TTL is shorter than the stored <ttl> treats a value older than its own TTL "
                 "(<ttl> minus the key's remaining TTL) as a miss",
    "invalidation": "for each entry of invalidated_by[model], fill the placeholders it names from the written "
                    "row (escaped), `*` for the others; delete the keys that match it and `<pattern>#*` with "
                    "SCAN, never KEYS",
}


def emit_cache_json(catalog: Catalog) -> dict[str, str]:
    """``cache_policies.json``; nothing without cache policies."""
    if not catalog.cache_policies:
        return {}
    doc = {
        "format": 1,
        "encoding": FORMAT,
        "policies": {p.name: _policy(p, catalog) for p in catalog.cache_policies},
        "invalidates": invalidates(catalog),
    }
    return {PATH: json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"}


def _policy(p: CachePolicy, catalog: Catalog) -> dict:
    return {
        "model": p.model,
        "key": p.key,
        "key_parts": [{kind: value} for kind, value in key_parts(p.key)],
        "prefix": key_prefix(p.key),
        "critical": p.critical,
        "cacheable": not p.critical and (p.ttl_anonymous is not None or p.ttl_authenticated is not None),
        "ttl_seconds": {"anonymous": None if p.critical else p.ttl_anonymous,
                        "authenticated": None if p.critical else p.ttl_authenticated},
        "chunk_max_bytes": p.chunk_max_bytes,
        "invalidate_on": list(p.invalidate_on),
        "invalidated_by": [{"model": model, "fill": dict(filling)} for model, filling in invalidation_columns(p, catalog)],
    }
