"""Row validators against a real PostgreSQL, both ways (hypothesis): a row that ``EverythingRow``
accepts is one PostgreSQL stores, and reads back as the same row; a row it refuses is one PostgreSQL
refuses too, or one its config refuses. The only rows PostgreSQL may refuse after the validator took
them are those that break a check the validator leaves to the database (functions, two columns, OR).

The values are of the column's Python type (``rowvalues``): a str where a UUID belongs is refused
by the validator's strictness, by design, whatever PostgreSQL would cast it to.
"""

from __future__ import annotations

import struct
import sys
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import psycopg
import pytest
from hypothesis import event, given, note, settings
from psycopg.types.json import Json, Jsonb

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import rowpkg  # noqa: E402
import rowvalues  # noqa: E402
from generated_import import imported  # noqa: E402

from specguard.compiler.emit.sql import plan_ops  # noqa: E402
from specguard.compiler.ir.catalog import Catalog, Table, quote_ident  # noqa: E402
from specguard.compiler.pipeline import judge  # noqa: E402

pytestmark = pytest.mark.pg
EXAMPLES = max(300, settings().max_examples)


class Db(NamedTuple):
    conn: psycopg.Connection
    table: Table
    package: object

    def __repr__(self) -> str:  # hypothesis prints the arguments of a failing case
        return "<the Everything table>"


@pytest.fixture(scope="module")
def db(pg_admin_url, tmp_path_factory):
    """A database holding the test catalog's tables, and the generated package imported."""
    from specguard.db.server import scratch_database

    cat = rowpkg.catalog()
    root = rowpkg.write_package(tmp_path_factory.mktemp("gen"), rowpkg.emit(cat))
    with scratch_database(pg_admin_url, prefix="sgrows") as url, psycopg.connect(url, autocommit=True) as conn:
        for script in plan_ops(judge(Catalog(), cat).ops, "init"):
            conn.execute(script.sql)
        with imported(root) as package:
            yield Db(conn, cat.table("Everything"), package)


def _param(table, name: str, value):
    """The query parameter of a column value, and its placeholder (an enum array needs a cast)."""
    col = table.column(name)
    if col.type.base in ("json", "jsonb") and value is not None:
        wrap = Json if col.type.base == "json" else Jsonb
        value = [None if v is None else wrap(v) for v in value] if col.type.array else wrap(value)
    cast = f"::{col.type.sql()}" if col.type.enum and col.type.array else ""
    return value, f"%s{cast}"


def insert(conn, table, values: dict, *, read_back: bool = False):
    """Insert one row and roll it back: None when PostgreSQL takes it, else the error; and the row read back."""
    params, holders = zip(*(_param(table, k, v) for k, v in values.items()))
    # psycopg reads an array of an enum it has not registered as text: read it back as text[]
    returning = ", ".join(f"{quote_ident(c.name)}::text[] AS {quote_ident(c.name)}" if c.type.enum and c.type.array
                          else quote_ident(c.name) for c in table.columns)
    sql = (f"INSERT INTO {quote_ident(table.name)} ({', '.join(quote_ident(k) for k in values)}) "
           f"VALUES ({', '.join(holders)}) RETURNING {returning}")
    try:
        with conn.transaction() as tx:
            with conn.cursor(row_factory=psycopg.rows.dict_row) as cur:
                cur.execute(sql, params)
                stored = cur.fetchone()
            raise psycopg.Rollback(tx)
    except (psycopg.Error, UnicodeEncodeError, ValueError, OverflowError) as exc:
        return exc, None
    return None, stored


def _config_refused(error) -> bool:
    return all(e["loc"][:1] == ("settings",) for e in error.errors())


def _unenforced(exc) -> bool:
    return isinstance(exc, psycopg.errors.CheckViolation) and exc.diag.constraint_name in rowvalues.UNENFORCED


@settings(max_examples=EXAMPLES)
@given(case=rowvalues.rows())
def test_the_row_validator_agrees_with_postgresql(db, case):
    conn, table, package = db
    from pydantic import ValidationError
    from specguard_generated.rows.everything import EverythingRow

    column, values = case
    note(f"column {column}: {values.get(column)!r}")
    try:
        row = EverythingRow.model_validate(values)
    except ValidationError as refused:
        error, _ = insert(conn, table, values)
        event(f"refused: {column}")
        assert error is not None or _config_refused(refused), f"the validator refused what PostgreSQL stores: {refused}"
        return
    error, stored = insert(conn, table, row.model_dump(by_alias=True))
    event(f"accepted: {column}" if error is None else f"accepted, left to the database: {column}")
    assert error is None or _unenforced(error), f"PostgreSQL refused what the validator accepted: {error!r}"
    if error is None:
        assert _same(EverythingRow.model_validate(stored), row), f"stored {stored!r}"


@settings(max_examples=max(50, settings().max_examples))
@given(case=rowvalues.rows())
def test_an_insert_leaves_out_what_the_database_fills_in(db, case):
    conn, table, package = db
    from pydantic import ValidationError
    from specguard_generated.rows.everything import EverythingInsert, EverythingRow

    _, values = case
    values = {k: v for k, v in values.items() if k not in ("id", "atz")}
    try:
        model = EverythingInsert.model_validate(values)
    except ValidationError:
        return
    error, stored = insert(conn, table, model.model_dump(by_alias=True))
    assert error is None or _unenforced(error), repr(error)
    if error is None:
        EverythingRow.model_validate(stored)  # what the database filled in is a valid row


def test_defaults_are_the_database_defaults(db):
    conn, table, package = db
    from specguard_generated.rows.everything import EverythingInsert, EverythingRow

    required = {"small": -1, "big": 20, "ratio": 1.0, "day": rowvalues.date(2026, 1, 1),
                "at": rowvalues.datetime(2026, 1, 1), "code": "abc"}
    model = EverythingInsert.model_validate(required)
    _, by_python = insert(conn, table, model.model_dump(by_alias=True))
    _, by_database = insert(conn, table, required)
    drop = {"id", "atz"}
    assert {k: v for k, v in by_python.items() if k not in drop} == {k: v for k, v in by_database.items() if k not in drop}
    assert EverythingRow.model_validate(by_database).docb == {"a": [1, "b"]}


def _same(a, b) -> bool:
    return _normal(a.model_dump()) == _normal(b.model_dump())


def _normal(row: dict) -> dict:
    """The real column in single precision (PostgreSQL prints a real in the fewest digits that read
    back as the same real, which Python reads as a nearby double), then every number as the decimal
    it is written as: a jsonb number is stored as the decimal text of the float it was given."""
    if isinstance(row["ratio"], float):
        row = {**row, "ratio": struct.unpack("<f", struct.pack("<f", row["ratio"]))[0]}
    return _numbers(row)


def _numbers(value):
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return value
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return "nan" if number.is_nan() else number


# (column, value, whether the validator and PostgreSQL take it): the edges, named one by one
EDGES = [
    ("small", 10, True), ("small", 11, False), ("small", -32769, False),
    ("int", 2**31 - 1, True), ("int", 2**31, False), ("int", -1, False),
    ("big", 2**63 - 1, True), ("big", 2**63, False), ("big", 13, False),
    ("price", Decimal("9999.994"), True), ("price", Decimal("9999.995"), False), ("price", Decimal("0.004"), False),
    ("price", Decimal("0.005"), True), ("price", Decimal("NaN"), True), ("price", Decimal("Infinity"), False),
    ("amount", Decimal("-Infinity"), True), ("amount", Decimal("1E+30"), True),
    ("ratio", 0.49999999, True), ("ratio", 0.4999999, False), ("ratio", float("nan"), True),
    ("ratio", 3.4028235e38, True), ("ratio", 3.5e38, False), ("ratio", float("inf"), True),
    ("score", 0.25, False), ("score", float("nan"), True),
    ("code", "abcde", True), ("code", "abcdef", False), ("code", "abc   ", True), ("code", "abcde  ", True),
    ("code", "abcd\t ", True), ("code", "abcde\t", False), ("code", "nope", False), ("code", "ab\x00", False),
    ("code", "\ud800", False), ("note", "é😀", True),
    ("mood", "x'y", False), ("mood", "é", True), ("mood", "CALM", False),
    ("moods", ["bad"], False), ("moods", [None, "calm"], True),
    ("codes", ["abcd"], False), ("codes", ["abc  "], True), ("tags", ["\x00"], False),
    ("docb", {"a": "\x00"}, False), ("doc", {"a": "\x00"}, True), ("docb", {"a": float("nan")}, False),
    ("docb", [None], True), ("docb", "text", True), ("doc", {"\ud800": 1}, True), ("docb", {"\ud800": 1}, False),
    ("docb", 10**40, True), ("doc", float("inf"), False),
    ("atz", rowvalues.datetime(2026, 1, 1, tzinfo=rowvalues.timezone(rowvalues.timedelta(hours=23, minutes=59))), True),
    ("atz", rowvalues.datetime(1, 1, 1, tzinfo=rowvalues.timezone(rowvalues.timedelta(hours=-23))), True),
    ("clock", rowvalues.time(23, 59, 59, 999999), True),
    ("span", rowvalues.timedelta(days=-999999999), True),
    ("settings", {"$version": 1, "level": 4}, False), ("settings", {"$version": 1, "level": 3}, True),
    ("settings", {"level": 3}, False),  # a stored document always says its version
]


@pytest.mark.parametrize("column,value,taken", EDGES, ids=[f"{c}={v!r}"[:40] for c, v, _ in EDGES])
def test_edges(db, column, value, taken):
    from pydantic import ValidationError
    from specguard_generated.rows.everything import EverythingRow

    base = {"small": -1, "int": 50, "big": 20, "ratio": 1.0, "day": rowvalues.date(2026, 1, 1), "code": "abc",
            "at": rowvalues.datetime(2026, 1, 1), "atz": rowvalues.datetime(2026, 1, 1, tzinfo=rowvalues.timezone.utc),
            "id": rowvalues.uuid.uuid4(), column: value}
    try:
        row = EverythingRow.model_validate(base)
    except ValidationError:
        accepted = False
    else:
        accepted = True
    assert accepted == taken
    error, _ = insert(db.conn, db.table, row.model_dump(by_alias=True) if accepted else base)
    assert (error is None) == taken or (column == "settings" and not taken), repr(error)
