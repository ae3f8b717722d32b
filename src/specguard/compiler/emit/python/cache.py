"""The cache policies as Python: ``cache_policies.py`` (one constant per policy) and the runtime that
serves them (``cache_runtime.py``, copied from ``static/``: the same for every catalog).

    from specguard_generated.cache_policies import COMPANION_DETAIL, POLICIES
    from specguard_generated.cache_runtime import PolicyCache
"""

from __future__ import annotations

from importlib.resources import files

from specguard.compiler.emit.python import module_path
from specguard.compiler.emit.python.source import HEADER, Code, docstring, py_literal, unique_names
from specguard.compiler.ir.cachekey import invalidation_columns, key_parts
from specguard.compiler.ir.catalog import CachePolicy, Catalog

_RESERVED = frozenset({"POLICIES", "INVALIDATES", "CachePolicy"})


def runtime_source() -> str:
    """The text of the cache runtime, as shipped in specguard's package data."""
    return (files("specguard.compiler.emit.python") / "static" / "cache_runtime.py").read_text(encoding="utf-8")


def emit_cache_python(catalog: Catalog) -> dict[str, str]:
    """``cache_policies.py`` and ``cache_runtime.py`` of the package; nothing without cache policies."""
    if not catalog.cache_policies:
        return {}
    return {
        module_path("cache_policies"): policies_module(catalog),
        module_path("cache_runtime"): runtime_source(),
    }


def policies_module(catalog: Catalog) -> str:
    """The source of ``cache_policies.py``: a constant per policy, ``POLICIES`` and ``INVALIDATES``."""
    names = unique_names({p.name: p.name.upper() for p in catalog.cache_policies}, _RESERVED)
    out = [docstring(HEADER + "\n\nServe them with `cache_runtime.PolicyCache` on a redis-py client (the package's "
                     "`cache` extra). A constant per policy; `POLICIES` by name; `INVALIDATES`: for each model, the "
                     "policies that a write to it invalidates."),
           "", "from collections.abc import Mapping", "", "from .cache_runtime import CachePolicy"]
    for p in catalog.cache_policies:
        out += ["", _policy_constant(names[p.name], p, catalog)]
    by_name = {p.name: Code(names[p.name]) for p in catalog.cache_policies}
    by_model = {model: tuple(ps) for model, ps in invalidates(catalog).items()}
    out += ["", "POLICIES: Mapping[str, CachePolicy] = " + _block(by_name),
            "INVALIDATES: Mapping[str, tuple[str, ...]] = " + _block(by_model), ""]
    return "\n".join(out)


def _block(mapping: dict) -> str:
    """A dict literal one entry a line (the habit of constants that grow, and diffs that stay small)."""
    return py_literal(mapping, 0, 10**6) if mapping else "{}"


def invalidates(catalog: Catalog) -> dict[str, list[str]]:
    """Model -> the names of the policies a write to it invalidates, both sorted."""
    out: dict[str, list[str]] = {}
    for p in catalog.cache_policies:
        for model in p.invalidate_on:
            out.setdefault(model, []).append(p.name)
    return {m: sorted(ps) for m, ps in sorted(out.items())}


def _policy_constant(name: str, p: CachePolicy, catalog: Catalog) -> str:
    fields = {
        "name": p.name,
        "model": p.model,
        "key_template": p.key,
        "parts": key_parts(p.key),
        "ttl_anonymous": None if p.critical else p.ttl_anonymous,
        "ttl_authenticated": None if p.critical else p.ttl_authenticated,
        "critical": p.critical,
        "chunk_max_bytes": p.chunk_max_bytes,
        "invalidated_by": invalidation_columns(p, catalog),
    }
    body = "\n".join(f"    {k}={py_literal(v, 4, 5 + len(k))}," for k, v in fields.items())
    return f"{name} = CachePolicy(\n{body}\n)"
