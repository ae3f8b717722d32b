"""Cache policy specs -> IR policies: durations, sizes, key templates, and the critical-data rule."""

from __future__ import annotations

import re

from specguard.compiler.ir.catalog import CachePolicy
from specguard.compiler.load.validate import LoadedSpec
from specguard.compiler.resolve.tables import check_identifier
from specguard.diagnostics import Diagnostic
from specguard.diagnostics.codes import diag
from specguard.diagnostics.suggest import did_you_mean

_DURATION = re.compile(r"^([0-9]{1,9})(s|m|h)$")
_SIZE = re.compile(r"^([0-9]{1,12})(B|KB|MB)?$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_UNIT = {"s": 1, "m": 60, "h": 3600}
_SIZE_UNIT = {None: 1, "B": 1, "KB": 1024, "MB": 1024 * 1024}


def parse_duration(text: str) -> int:
    m = _DURATION.match(text.strip()) if isinstance(text, str) else None
    if not m or int(m.group(1)) == 0:
        raise ValueError(text)
    return int(m.group(1)) * _UNIT[m.group(2)]


def parse_size(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    m = _SIZE.match(value.strip()) if isinstance(value, str) else None
    if not m or int(m.group(1)) == 0:
        raise ValueError(value)
    return int(m.group(1)) * _SIZE_UNIT[m.group(2)]


def build_cache_policies(specs: list[LoadedSpec], tables, model_names, out: list[Diagnostic]) -> list[CachePolicy]:
    """The valid cache policies; every problem of the others is reported to ``out``."""
    policies = (_cache_policy(s, tables, model_names, out) for s in specs)
    return [p for p in policies if p is not None]


def _cache_policy(s: LoadedSpec, tables, model_names, out: list[Diagnostic]) -> CachePolicy | None:
    spec, doc = s.spec, s.doc
    table = tables.get(spec.model)
    critical = bool(spec.critical or (table is not None and table.critical))
    # every check runs, so that one pass reports every problem of the policy
    ok = check_identifier(spec.name, "cache policy name", doc.span(("name",)), out)
    ok &= _models_known(s, model_names, out)
    ok &= _key_template_valid(s, table, out)
    ttl_ok, ttl = _ttl_seconds(s, critical, out)
    chunk_ok, chunk = _chunk_bytes(s, out)
    if not (ok and ttl_ok and chunk_ok):
        return None
    return CachePolicy(spec.name, spec.model, spec.key, ttl.get("anonymous"), ttl.get("authenticated"),
                       tuple(sorted(set(spec.invalidate_on))), chunk, critical, doc.span(("name",)))


def _models_known(s: LoadedSpec, model_names, out: list[Diagnostic]) -> bool:
    """Whether the policy's model and every `invalidate_on` model are declared; else reported."""
    spec, doc = s.spec, s.doc
    named = [("the cache policy", spec.model, ("model",))]
    named += [("`invalidate_on`", m, ("invalidate_on", i)) for i, m in enumerate(spec.invalidate_on)]
    ok = True
    for who, model, path in named:
        if model not in model_names:
            out.append(diag("SG200", f"{who} names the model `{model}`, which no spec declares", doc.span(path),
                            hint=did_you_mean(model, model_names, "known models: " + ", ".join(sorted(model_names))),
                            target=spec.name))
            ok = False
    return ok


def _key_template_valid(s: LoadedSpec, table, out: list[Diagnostic]) -> bool:
    """Whether the key template's braces balance and each placeholder is a column; else reported."""
    spec, span = s.spec, s.doc.span(("key",))
    ok = True
    stripped = _PLACEHOLDER.sub("", spec.key)
    if not spec.key.strip() or "{" in stripped or "}" in stripped:
        out.append(diag("SG208", f"the key template `{spec.key}` has an unbalanced brace", span,
                        hint='write placeholders as {column}, e.g. "companion:{id}"', target=spec.name))
        ok = False
    for ph in _PLACEHOLDER.findall(spec.key):
        if not ph:
            out.append(diag("SG208", "the key template has an empty placeholder `{}`", span, target=spec.name))
            ok = False
        elif table is not None and table.column(ph) is None:
            out.append(diag("SG201", f"the key placeholder `{{{ph}}}` is not a column of `{table.name}`", span,
                            hint=did_you_mean(ph, table.column_names, "columns: " + ", ".join(table.column_names),
                                              show=lambda c: f"`{{{c}}}`"),
                            target=f"{table.name}.{ph}"))
            ok = False
    return ok


def _ttl_seconds(s: LoadedSpec, critical: bool, out: list[Diagnostic]) -> tuple[bool, dict[str, int]]:
    """Seconds per audience, and whether the TTL is right: critical data has none, other data needs one."""
    spec, doc = s.spec, s.doc
    if spec.ttl is None:
        if critical:
            return True, {}
        out.append(diag("SG501", f"the cache policy `{spec.name}` gives no TTL", doc.span(("name",)),
                        hint="add `ttl: {anonymous: 300s, authenticated: 60s}`, or `critical: true` to never cache",
                        target=spec.name))
        return False, {}
    ok = True
    if critical:
        why = "it is marked critical" if spec.critical else f"the model `{spec.model}` holds critical data"
        out.append(diag("SG500", f"the cache policy `{spec.name}` caches data although {why}",
                        doc.span(("ttl",)), hint="remove `ttl` (critical data is never cached)", target=spec.name))
        ok = False
    seconds = {}
    for audience in ("anonymous", "authenticated"):
        raw = getattr(spec.ttl, audience)
        if raw is None:
            continue
        try:
            seconds[audience] = parse_duration(raw)
        except ValueError:
            out.append(diag("SG118", f"`{raw}` is not a duration", doc.span(("ttl", audience)),
                            hint="write Ns, Nm or Nh, e.g. 300s or 5m", target=spec.name))
            ok = False
    return ok, seconds


def _chunk_bytes(s: LoadedSpec, out: list[Diagnostic]) -> tuple[bool, int | None]:
    """The chunk size in bytes (None: no chunking), and whether it is a valid size."""
    chunking = s.spec.chunking
    if chunking is None:
        return True, None
    try:
        return True, parse_size(chunking.max_bytes)
    except ValueError:
        out.append(diag("SG118", f"`{chunking.max_bytes}` is not a size", s.doc.span(("chunking", "max_bytes")),
                        hint="write N, NKB or NMB, e.g. 1MB", target=s.spec.name))
        return False, None
