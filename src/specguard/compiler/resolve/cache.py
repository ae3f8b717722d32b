"""Cache policy specs -> IR policies: durations, sizes, key templates, and the critical-data rule."""

from __future__ import annotations

import re

from specguard.diagnostics.codes import diag
from specguard.compiler.ir.catalog import CachePolicy
from specguard.compiler.resolve.tables import check_identifier
from specguard.compiler.load.validate import LoadedSpec
from specguard.diagnostics import Diagnostic
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
    result = []
    for s in specs:
        spec, doc = s.spec, s.doc
        ok = check_identifier(spec.name, "cache policy name", doc.span(("name",)), out)
        target = spec.name
        if spec.model not in model_names:
            out.append(diag("SG200", f"the cache policy names the model `{spec.model}`, which no spec declares",
                            doc.span(("model",)),
                            hint=did_you_mean(spec.model, model_names, "known models: " + ", ".join(sorted(model_names))),
                            target=target))
            ok = False
        for i, m in enumerate(spec.invalidate_on):
            if m not in model_names:
                out.append(diag("SG200", f"`invalidate_on` names the model `{m}`, which no spec declares",
                                doc.span(("invalidate_on", i)),
                                hint=did_you_mean(m, model_names, "known models: " + ", ".join(sorted(model_names))),
                                target=target))
                ok = False
        table = tables.get(spec.model)
        stripped = _PLACEHOLDER.sub("", spec.key)
        if not spec.key.strip() or "{" in stripped or "}" in stripped:
            out.append(diag("SG208", f"the key template `{spec.key}` has an unbalanced brace", doc.span(("key",)),
                            hint='write placeholders as {column}, e.g. "companion:{id}"', target=target))
            ok = False
        for ph in _PLACEHOLDER.findall(spec.key):
            if not ph:
                out.append(diag("SG208", "the key template has an empty placeholder `{}`", doc.span(("key",)), target=target))
                ok = False
            elif table is not None and table.column(ph) is None:
                out.append(diag("SG201", f"the key placeholder `{{{ph}}}` is not a column of `{table.name}`",
                                doc.span(("key",)),
                                hint=did_you_mean(ph, table.column_names, "columns: " + ", ".join(table.column_names),
                                                  show=lambda c: f"`{{{c}}}`"),
                                target=f"{table.name}.{ph}"))
                ok = False
        critical = bool(spec.critical or (table is not None and table.critical))
        ttl_anon = ttl_auth = None
        if spec.ttl is not None:
            if critical:
                why = "it is marked critical" if spec.critical else f"the model `{spec.model}` holds critical data"
                out.append(diag("SG500", f"the cache policy `{spec.name}` caches data although {why}",
                                doc.span(("ttl",)), hint="remove `ttl` (critical data is never cached)", target=target))
                ok = False
            for aud in ("anonymous", "authenticated"):
                raw = getattr(spec.ttl, aud)
                if raw is None:
                    continue
                try:
                    secs = parse_duration(raw)
                except ValueError:
                    out.append(diag("SG118", f"`{raw}` is not a duration", doc.span(("ttl", aud)),
                                    hint="write Ns, Nm or Nh, e.g. 300s or 5m", target=target))
                    ok = False
                    continue
                if aud == "anonymous":
                    ttl_anon = secs
                else:
                    ttl_auth = secs
        elif not critical:
            out.append(diag("SG501", f"the cache policy `{spec.name}` gives no TTL", doc.span(("name",)),
                            hint="add `ttl: {anonymous: 300s, authenticated: 60s}`, or `critical: true` to never cache",
                            target=target))
            ok = False
        chunk = None
        if spec.chunking is not None:
            try:
                chunk = parse_size(spec.chunking.max_bytes)
            except ValueError:
                out.append(diag("SG118", f"`{spec.chunking.max_bytes}` is not a size", doc.span(("chunking", "max_bytes")),
                                hint="write N, NKB or NMB, e.g. 1MB", target=target))
                ok = False
        if ok:
            result.append(CachePolicy(spec.name, spec.model, spec.key, ttl_anon, ttl_auth,
                                      tuple(sorted(set(spec.invalidate_on))), chunk, critical, doc.span(("name",))))
    return result
