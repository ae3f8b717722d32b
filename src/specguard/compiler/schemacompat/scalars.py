"""Numbers and strings: bounds, ``multipleOf``, integer-ness, lengths, ``pattern`` and ``format``.

Patterns and formats are compared as text, as the schema registries do: an added or changed pattern
is reported, and a counterexample settles whether it matters.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

from specguard.compiler.schemacompat.meet import int_bounds, num_contains, regex
from specguard.compiler.schemacompat.model import Num, Str
from specguard.compiler.schemacompat.reason import Path, Reason, reason
from specguard.compiler.schemacompat.refs import S

FORMAT_EXAMPLES = {"date": "2024-01-01", "date-time": "2024-01-01T00:00:00Z", "time": "00:00:00Z",
                   "email": "a@example.com", "uri": "https://example.com/", "uuid": "00000000-0000-4000-8000-000000000000",
                   "ipv4": "192.0.2.1", "ipv6": "2001:db8::1", "hostname": "example.com", "duration": "P1D"}
BOUND_HINT = ("keep the bound, or list the out-of-range values a document may hold under "
              "`upgrade: map_values` so they are replaced")


def _plain(f: Fraction) -> int | float:
    return int(f) if f.denominator == 1 else float(f)


def num_samples(x: Num, near: list[Fraction] = ()) -> list[int | float]:  # type: ignore[assignment]
    """Values of ``x`` worth trying as counterexamples: its ends, and next to the given bounds."""
    lo, hi = int_bounds(x) if x.integer else (x.lo, x.hi)
    ends = [f for f in (lo, hi) if f is not None]
    seeds = ends + [e + d for e in ends for d in (1, -1, Fraction(1, 2), Fraction(-1, 2))]
    for b in near:
        seeds += [b, b - 1, b + 1, b - Fraction(1, 2), b + Fraction(1, 2), Fraction(math.floor(b)), Fraction(math.ceil(b))]
    seeds += [Fraction(0), Fraction(1), Fraction(-1), Fraction(1, 2)]
    if lo is not None and hi is not None:
        seeds.append((lo + hi) / 2)
    for m in x.mult:
        seeds += [m * math.floor(s / m) for s in list(seeds) if m > 0] + [m * math.ceil(s / m) for s in list(seeds) if m > 0]
    out = []
    for f in dict.fromkeys(seeds):
        if num_contains(x, f):
            out.append(_plain(f))
    return out[:12]


def _reader_bound(s: S, lower: bool) -> tuple[Fraction | None, bool, str]:
    """The reading schema's tighter bound on one side: (value, exclusive, keyword)."""
    best: tuple[Fraction | None, bool, str] = (None, False, "")
    for key, excl in ((("minimum", False), ("exclusiveMinimum", True)) if lower
                      else (("maximum", False), ("exclusiveMaximum", True))):
        v = s.get(key)
        if v is None or isinstance(v, bool):
            continue
        f = Fraction(v)
        cur = best[0]
        if cur is None or (f > cur if lower else f < cur) or (f == cur and excl):
            best = (f, excl, key)
    return best


def _covers(bound: Fraction, excl: bool, x: Num, lower: bool) -> bool:
    """Whether every value of ``x`` is on the right side of the reader's bound."""
    lo, hi = int_bounds(x) if x.integer else (x.lo, x.hi)
    mine, mine_x = (lo, x.lo_x and not x.integer) if lower else (hi, x.hi_x and not x.integer)
    if mine is None:
        return False
    if lower:
        return mine > bound or (mine == bound and (not excl or mine_x))
    return mine < bound or (mine == bound and (not excl or mine_x))


def _describe(x: Num, lower: bool) -> str:
    v, excl = (x.lo, x.lo_x) if lower else (x.hi, x.hi_x)
    if v is None:
        return "values beyond it"
    side = ("above" if excl else "from") if lower else ("below" if excl else "up to")
    return f"values {side} {_plain(v)}"


def number_reasons(x: Num, s: S, path: Path) -> list[Reason]:
    out: list[Reason] = []
    for lower in (True, False):
        bound, excl, key = _reader_bound(s, lower)
        if bound is not None and not _covers(bound, excl, x, lower):
            word = "at least" if lower else "at most"
            out.append(reason(s.at, key, x.at, f"`{key}` accepts {word} {_plain(bound)}"
                              f"{' (exclusive)' if excl else ''}, but documents may hold {_describe(x, lower)}",
                              BOUND_HINT, path, num_samples(x, [bound])))
    m = s.get("multipleOf")
    if m is not None and not _multiple_ok(x, m):
        out.append(reason(s.at, "multipleOf", x.at, f"`multipleOf: {m}` rejects numbers documents may hold",
                          "keep `multipleOf` a divisor of the old one", path, num_samples(x, [Fraction(m)])))
    return out


def _multiple_ok(x: Num, m: Any) -> bool:
    if isinstance(m, float) and not m.is_integer():
        # float division decides such cases in validators: only the very same step is safe
        return any(float(a) == m for a in x.mult)
    step = Fraction(m)
    steps = list(x.mult) + ([Fraction(1)] if x.integer else [])
    if any((a / step).denominator == 1 for a in steps):
        return True
    lo, hi = int_bounds(x) if x.integer else (x.lo, x.hi)
    return lo is not None and lo == hi and not x.lo_x and (lo / step).denominator == 1


def integral(x: Num) -> bool:
    lo, hi = (x.lo, x.hi)
    return x.integer or any(m.denominator == 1 for m in x.mult) or (lo is not None and lo == hi and lo.denominator == 1)


def keys_for(pattern: str) -> list[str]:
    """Key names that may match ``pattern``: its literal start, and a few guesses."""
    head = re.match(r"\^?((?:[A-Za-z0-9_\-]|\\.)*)", pattern)
    lit = re.sub(r"\\(.)", r"\1", head.group(1)) if head else ""
    guesses = [lit + s for s in ("a", "x", "1", "_a", "")] + ["a", "x", "1"]
    return [g for g in dict.fromkeys(guesses) if g and regex(pattern).search(g)]


def str_samples(x: Str, near: list[int] = ()) -> list[str]:  # type: ignore[assignment]
    """Strings of ``x``'s lengths worth trying: the pattern is left to validation to judge."""
    lengths = [x.min_len, x.min_len + 1] + [n for b in near for n in (b - 1, b, b + 1)]
    if x.max_len is not None:
        lengths.append(x.max_len)
    out: list[str] = [FORMAT_EXAMPLES[f] for f in sorted(x.formats) if f in FORMAT_EXAMPLES]
    out += [k for p in sorted(x.patterns) for k in keys_for(p)]
    for n in dict.fromkeys(lengths):
        if n >= x.min_len and (x.max_len is None or n <= x.max_len) and 0 <= n <= 10_000:
            out += ["a" * n, "0" * n, "A" * n, " " * n, "-" * n]
    return list(dict.fromkeys(out))[:20]


def string_reasons(x: Str, s: S, path: Path) -> list[Reason]:
    out: list[Reason] = []
    lo, hi = s.count("minLength"), s.count("maxLength")
    if lo is not None and lo > x.min_len:
        out.append(reason(s.at, "minLength", x.at, f"`minLength: {lo}`, but documents may hold strings of "
                          f"{x.min_len} characters", "keep the old `minLength`", path, str_samples(x, [lo])))
    if hi is not None and (x.max_len is None or hi < x.max_len):
        longest = "any length" if x.max_len is None else f"up to {x.max_len} characters"
        out.append(reason(s.at, "maxLength", x.at, f"`maxLength: {hi}`, but documents may hold strings of {longest}",
                          "keep the old `maxLength`", path, str_samples(x, [hi])))
    pattern = s.get("pattern")
    if pattern is not None and pattern not in x.patterns:
        regex(pattern)
        was = f" (was {sorted(x.patterns)[0]!r})" if x.patterns else ""
        out.append(reason(s.at, "pattern", x.at, f"the pattern {pattern!r} is new or changed{was}; patterns are "
                          "compared as text", "keep the old pattern, or map the values it rejects", path,
                          [v for v in str_samples(x) if not regex(pattern).search(v)]))
    fmt = s.get("format")
    if fmt is not None and fmt not in x.formats:
        out.append(reason(s.at, "format", x.at, f"`format: {fmt}` is new; the generated validators assert formats",
                          "keep the old format, or none", path, str_samples(x) + ["not a " + str(fmt)]))
    return out

