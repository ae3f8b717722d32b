"""Cache policy specs -> IR policies: durations, sizes, key templates, and the load-time cache rules.

Each policy is checked on its own (models known, key template well formed and unambiguous, the
critical-data rule, durations and sizes within bounds), then all of them together: no policy's key
prefix may be a prefix of another's, since invalidation deletes keys by pattern.
"""

from __future__ import annotations

import re

from specguard.compiler.ir.cachekey import (
    PLACEHOLDER,
    SEPARATORS,
    bad_literal_character,
    key_prefix,
    unseparated_placeholders,
)
from specguard.compiler.ir.catalog import CachePolicy
from specguard.compiler.load.validate import LoadedSpec
from specguard.compiler.resolve.tables import check_identifier, fragment_span
from specguard.diagnostics import Diagnostic
from specguard.diagnostics.codes import diag
from specguard.diagnostics.suggest import did_you_mean

_DURATION = re.compile(r"^([0-9]{1,9})(s|m|h)$")
_SIZE = re.compile(r"^([0-9]{1,12})(B|KB|MB)?$")
_UNIT = {"s": 1, "m": 60, "h": 3600}
_SIZE_UNIT = {None: 1, "B": 1, "KB": 1024, "MB": 1024 * 1024}

# Sane bounds. A TTL past a month is a store, not a cache; a chunk under 1 KB turns one value into
# thousands of keys, and one over 64 MB blocks single-threaded Redis while it is written (Redis
# refuses strings over 512 MB outright).
TTL_MIN, TTL_MAX = 1, 30 * 24 * 3600
CHUNK_MIN, CHUNK_MAX = 1024, 64 * 1024 * 1024


def parse_duration(text: str) -> int:
    """Seconds of ``Ns``/``Nm``/``Nh`` (``0s`` included: bounds are a rule of their own); else ValueError."""
    m = _DURATION.match(text.strip()) if isinstance(text, str) else None
    if not m:
        raise ValueError(text)
    return int(m.group(1)) * _UNIT[m.group(2)]


def parse_size(value) -> int:
    """Bytes of ``N``/``NKB``/``NMB`` or a plain integer (0 included); else ValueError."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    m = _SIZE.match(value.strip()) if isinstance(value, str) else None
    if not m:
        raise ValueError(value)
    return int(m.group(1)) * _SIZE_UNIT[m.group(2)]


def _show_seconds(n: int) -> str:
    for unit, size in (("h", 3600), ("m", 60)):
        if n % size == 0:
            return f"{n // size}{unit}"
    return f"{n}s"


def _show_bytes(n: int) -> str:
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n % size == 0:
            return f"{n // size}{unit}"
    return f"{n} bytes"


def build_cache_policies(specs: list[LoadedSpec], tables, model_names, out: list[Diagnostic]) -> list[CachePolicy]:
    """The valid cache policies; every problem of the others is reported to ``out``."""
    built = [(s, _cache_policy(s, tables, model_names, out)) for s in specs]
    valid = [(s, p) for s, p in built if p is not None]
    clashing = _prefix_overlaps(valid, out)
    return [p for s, p in valid if p.name not in clashing]


def _cache_policy(s: LoadedSpec, tables, model_names, out: list[Diagnostic]) -> CachePolicy | None:
    spec, doc = s.spec, s.doc
    table = tables.get(spec.model)
    critical = bool(spec.critical or (table is not None and table.critical))
    # every check runs, so that one pass reports every problem of the policy
    ok = check_identifier(spec.name, "cache policy name", doc.span(("name",)), out)
    ok &= _models_known(s, model_names, out)
    ok &= _key_template_valid(s, table, out) and _key_template_unambiguous(s, out)
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
    """Whether the key template parses, holds only allowed characters, and names columns; else reported."""
    spec, span = s.spec, s.doc.span(("key",))
    stripped = PLACEHOLDER.sub("", spec.key)
    if not spec.key.strip() or "{" in stripped or "}" in stripped:
        out.append(diag("SG208", f"the key template `{spec.key}` has an unbalanced brace", span,
                        hint='write placeholders as {column}, e.g. "companion:{id}"', target=spec.name))
        return False
    ok = True
    bad = bad_literal_character(spec.key)
    if bad is not None:
        offset, char = bad
        out.append(diag("SG208", f"the key template `{spec.key}` holds {_describe(char)} outside a placeholder",
                        fragment_span(s.doc.text_span(("key",)), offset), target=spec.name,
                        hint="use letters, digits, `_ . -` and the separators " + " ".join(sorted(SEPARATORS))
                        + "; `* ? [ ] \\` are glob characters of pattern invalidation, `#` marks chunk keys "
                        "and `%` escapes values"))
        ok = False
    for ph in PLACEHOLDER.findall(spec.key):
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


def _describe(char: str) -> str:
    return "a space" if char == " " else f"`{char}`" if char.isprintable() else f"the character U+{ord(char):04X}"


def _key_template_unambiguous(s: LoadedSpec, out: list[Diagnostic]) -> bool:
    """Whether no two rows can get the same key and the template starts with a prefix; else SG505."""
    spec, span = s.spec, s.doc.span(("key",))
    if not key_prefix(spec.key):
        out.append(diag("SG505", f"the key template `{spec.key}` starts with a placeholder", span, target=spec.name,
                        hint=f'start it with a prefix that names the policy, e.g. "{spec.name}:{spec.key}"'))
        return False
    pair = unseparated_placeholders(spec.key)
    if pair is not None:
        a, b = pair
        out.append(diag("SG505", f"the placeholders `{{{a}}}` and `{{{b}}}` of the key template `{spec.key}` are not "
                        "separated: two different rows could get the same key", span, target=spec.name,
                        hint=f"put a separator between them, e.g. `{{{a}}}:{{{b}}}`"))
        return False
    return True


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
        if raw is not None:
            value = _one_ttl(s, audience, raw, out)
            ok &= value is not None
            if value is not None:
                seconds[audience] = value
    return ok, seconds


def _one_ttl(s: LoadedSpec, audience: str, raw: str, out: list[Diagnostic]) -> int | None:
    span = s.doc.span(("ttl", audience))
    try:
        seconds = parse_duration(raw)
    except ValueError:
        out.append(diag("SG118", f"`{raw}` is not a duration", span, hint="write Ns, Nm or Nh, e.g. 300s or 5m",
                        target=s.spec.name))
        return None
    if not TTL_MIN <= seconds <= TTL_MAX:
        what = "0s would expire every value at once" if seconds < TTL_MIN else f"{_show_seconds(seconds)} is longer than {_show_seconds(TTL_MAX)}"
        out.append(diag("SG503", f"the {audience} TTL of `{s.spec.name}` is out of range: {what}", span,
                        target=s.spec.name, hint=f"give a TTL between {TTL_MIN}s and {_show_seconds(TTL_MAX)}; "
                        "data that should never expire belongs in the database, not a cache"))
        return None
    return seconds


def _chunk_bytes(s: LoadedSpec, out: list[Diagnostic]) -> tuple[bool, int | None]:
    """The chunk size in bytes (None: no chunking), and whether it is a valid size within bounds."""
    chunking, span = s.spec.chunking, s.doc.span(("chunking", "max_bytes"))
    if chunking is None:
        return True, None
    try:
        size = parse_size(chunking.max_bytes)
    except ValueError:
        out.append(diag("SG118", f"`{chunking.max_bytes}` is not a size", span,
                        hint="write N, NKB or NMB, e.g. 1MB", target=s.spec.name))
        return False, None
    if not CHUNK_MIN <= size <= CHUNK_MAX:
        what = "smaller than 1KB" if size < CHUNK_MIN else f"larger than {_show_bytes(CHUNK_MAX)}"
        out.append(diag("SG504", f"the chunk size of `{s.spec.name}` is out of range: {_show_bytes(size)} is {what}",
                        span, target=s.spec.name,
                        hint=f"give `max_bytes` between 1KB and {_show_bytes(CHUNK_MAX)}, e.g. 1MB"))
        return False, None
    return True, size


def _prefix_overlaps(valid: list[tuple[LoadedSpec, CachePolicy]], out: list[Diagnostic]) -> set[str]:
    """SG502 for each policy whose key prefix starts with another policy's; the names of those policies.

    The finding goes on the policy with the longer prefix (equal prefixes: the later one in file
    order), whose keys the other's invalidation pattern would delete.
    """
    ordered = sorted(valid, key=lambda sp: (_place(sp[0]), sp[1].name))
    clashing: set[str] = set()
    for i, (s, p) in enumerate(ordered):
        mine = key_prefix(p.key)
        for j, (other_s, other) in enumerate(ordered):
            theirs = key_prefix(other.key)
            if j == i or not mine.startswith(theirs) or (mine == theirs and j > i):
                continue
            where = other_s.doc.span(("key",))
            out.append(diag("SG502", f"the key prefix `{mine}` of `{p.name}` starts with the key prefix `{theirs}` of "
                            f"`{other.name}` ({where}): invalidating `{other.name}` would delete `{p.name}`'s keys",
                            s.doc.span(("key",)), target=p.name,
                            hint=f"give the two policies prefixes where neither starts the other, e.g. `{p.name}:`"))
            clashing.add(p.name)
            break
    return clashing


def _place(s: LoadedSpec) -> tuple[str, int, int]:
    span = s.doc.span(("key",))
    return (span.file, span.line, span.column) if span else ("", 0, 0)
