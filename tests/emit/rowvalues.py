"""Hypothesis strategies for the columns of ``Everything`` (tests/emit/rows/specs/everything.yaml).

``SAFE`` draws values that satisfy every constraint, the checks the validator cannot enforce
included; ``DOMAIN`` draws values of the right Python type that crowd the edges: out of range, too
long, too precise, NaN and infinities, NUL characters, lone surrogates, time zones PostgreSQL does
not know. A test row is a safe row with one column drawn from its domain, so the column decides.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

from hypothesis import strategies as st

MOODS = ["calm", "odd value", "x'y", "é"]
# checks the validator leaves (wholly or partly) to the database: a row it accepts may still fail these
UNENFORCED = {"Everything_int_and_big", "Everything_either", "Everything_two_columns"}

_text = st.text(st.characters(codec="utf-8"), max_size=8)
_hostile_text = st.one_of(_text, st.text(max_size=4).map(lambda s: s + "\x00"),
                          st.sampled_from(["\ud800", "a\udfff", "é😀", ""]))


def _ints(bits: int) -> st.SearchStrategy[int]:
    lo, hi = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    return st.one_of(st.integers(lo - 3, lo + 3), st.integers(hi - 3, hi + 3), st.integers(-20, 20),
                     st.integers(lo, hi))


def _decimals(limit: str) -> st.SearchStrategy[Decimal]:
    edges = ["9999.994", "9999.995", "-9999.995", "0.004", "0.005", "-0.005", "1E+4", "0E-30", "NaN", "Infinity",
             "-Infinity", "123.456789", "1E-20"]
    return st.one_of(st.sampled_from([Decimal(e) for e in edges]),
                     st.decimals(min_value=Decimal(f"-{limit}"), max_value=Decimal(limit), allow_nan=False))


_zones = st.builds(lambda m: timezone(timedelta(minutes=m)), st.integers(-(24 * 60 - 1), 24 * 60 - 1))
_floats = st.one_of(st.floats(), st.sampled_from([1e-46, 7e-46, 1.5e-45, 3.4028235e38, 3.4028236e38, 3.5e38,
                                                   0.5, 0.49999999, 0.4999999, 0.25, float("nan")]))
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_hostile_text, inner, max_size=3),
    max_leaves=6,
)
_documents = st.one_of(st.dictionaries(_hostile_text, _json, max_size=3), st.lists(_json, max_size=3), _hostile_text,
                       st.integers(), st.floats(), st.booleans())

DOMAIN = {
    "id": st.uuids(),
    "small": _ints(16),
    "int": _ints(32),
    "big": _ints(64) | st.just(13),
    "price": _decimals("20000"),
    "amount": _decimals("1E+30") | st.none(),
    "ratio": _floats,
    "score": _floats,
    "flag": st.booleans(),
    "day": st.dates(),
    "clock": st.times() | st.none(),
    "at": st.datetimes(),
    "atz": st.datetimes(timezones=_zones),
    "span": st.timedeltas() | st.none(),
    "doc": _documents | st.none(),
    "docb": _documents,
    "blob": st.binary(max_size=8) | st.none(),
    "note": _hostile_text | st.none(),
    "code": st.one_of(_hostile_text, st.sampled_from(["abcde", "abcdef", "abc   ", "abcde  ", "abcd\t ", "nope"])),
    "mood": st.sampled_from(MOODS + ["nope", "CALM", ""]),
    "tags": st.lists(st.none() | _hostile_text, max_size=3),
    "nums": st.lists(st.none() | _ints(32), max_size=3) | st.none(),
    "codes": st.lists(st.none() | _hostile_text | st.just("ab   "), max_size=3) | st.none(),
    "moods": st.lists(st.none() | st.sampled_from(MOODS + ["bad"]), max_size=3),
    "legacy": _hostile_text | st.none(),
    "from": _hostile_text | st.none(),
    "json": _ints(32) | st.none(),
    "model_name": _hostile_text | st.none(),
    "settings": st.none() | st.fixed_dictionaries({"level": st.integers(-2, 5)}) | st.just({"other": 1}) | _documents,
}

_plain = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=6)
SAFE = {
    "id": st.uuids(),
    "small": st.integers(-10, -1),
    "int": st.integers(0, 50),
    "big": st.integers(14, 10**6),
    "price": st.decimals(min_value=1, max_value=100, places=2),
    "amount": st.none() | st.decimals(min_value=-1000, max_value=1000, places=3),
    "ratio": st.sampled_from([0.5, 1.0, 2.25]),
    "score": st.sampled_from([0.0, 1.5]),
    "flag": st.booleans(),
    "day": st.just(date(2026, 1, 1)),
    "clock": st.just(time(12, 30)),
    "at": st.just(datetime(2026, 1, 1, 12)),
    "atz": st.just(datetime(2026, 1, 1, 12, tzinfo=timezone.utc)),
    "span": st.just(timedelta(hours=1)),
    "doc": st.just({"a": 1}),
    "docb": st.just({"b": [True, None]}),
    "blob": st.just(b"\x00\x01"),
    "note": _plain,
    "code": st.text("abc", min_size=1, max_size=5),
    "mood": st.sampled_from([m for m in MOODS if m != "x'y"]),
    "tags": st.lists(_plain, max_size=2),
    "nums": st.just([1, None]),
    "codes": st.just(["ab"]),
    "moods": st.just(["calm"]),
    "legacy": st.none(),
    "from": st.none(),
    "json": st.none(),
    "model_name": st.none(),
    "settings": st.just({"level": 2}),
}


@st.composite
def rows(draw) -> tuple[str | None, dict]:
    """A safe row, and the column (if any) drawn from its domain instead."""
    row = {name: draw(strategy) for name, strategy in SAFE.items()}
    column = draw(st.none() | st.sampled_from(sorted(DOMAIN)))
    if column is not None:
        row[column] = draw(DOMAIN[column])
    return column, row


__all__ = ["DOMAIN", "MOODS", "SAFE", "UNENFORCED", "rows", "uuid"]
