"""Batched data changes: one ``DO`` block, alone in its migration file, that commits after every batch.

One ``UPDATE`` of a whole table holds a lock on every row it touches until it ends, and leaves one dead
tuple per row for autovacuum to clean at once: on a large table that blocks writers for the whole run
and bloats the table. A backfill here instead walks the table in primary-key order, a batch of rows at
a time (keyset pagination: each batch starts where the last one ended, so the walk is linear), updates
only the rows of the batch that still need it, and commits. Each batch sets its own ``lock_timeout``
and ``statement_timeout`` (``set_config(.., true)`` lasts one transaction, and every ``COMMIT`` starts
a new one). A failed or cancelled run keeps the batches it committed; running it again skips rows that
no longer need the change, so a backfill is idempotent and restartable.

Transaction control inside ``DO`` works only when the block is the only statement its query string
holds: PostgreSQL runs a multi-statement string as one implicit transaction, and a ``COMMIT`` inside it
fails with "invalid transaction termination" (checked on PostgreSQL 16; the whole file then rolls back,
so nothing is half done). Prisma sends each ``migration.sql`` as one string (up to 7.3) or statement by
statement (7.4+): a file holding just the ``DO`` block works under both. The planner therefore gives
each backfill a migration of its own, without ``SET`` lines.

A table without a primary key is walked by ``ctid`` instead: each batch picks the next rows that still
match the condition, so the condition must become false for a row once it was updated.
"""

from __future__ import annotations

from dataclasses import dataclass

from specguard.compiler.ir.catalog import Table
from specguard.compiler.ir.catalog import quote_ident as q
from specguard.compiler.resolve.sqlfrag import quote_literal

BATCH_ROWS = 1000
LOCK_TIMEOUT = "5s"
STATEMENT_TIMEOUT = "60s"  # per batch: a batch of BATCH_ROWS rows never needs longer
_BLOCK = "specguard_backfill"  # the label that qualifies the block's variables


@dataclass(frozen=True)
class Backfill:
    """Set ``assignments`` (column, SQL expression over the row) on every row where ``condition`` holds."""

    table: Table
    assignments: tuple[tuple[str, str], ...]
    condition: str  # true for exactly the rows that still need the change
    label: str  # what the backfill does, for its progress notices

    def __post_init__(self) -> None:
        if not self.assignments:
            raise ValueError("a backfill needs at least one assignment")


def backfill_sql(b: Backfill, batch_rows: int = BATCH_ROWS) -> str:
    """The ``DO`` statement that runs the backfill in committed batches (one statement, ends in ``;``)."""
    pk = b.table.primary_key
    body = _keyset_body(b, pk.columns, batch_rows) if pk else _ctid_body(b, batch_rows)
    tag = dollar_tag(body)
    return f"DO {tag}\n{body}\n{tag};"


def dollar_tag(body: str) -> str:
    """A dollar-quote tag that ``body`` does not contain (an expression or a name may hold any text)."""
    i = 0
    while (tag := f"$specguard{i or ''}$") in body:
        i += 1
    return tag


def _set(b: Backfill) -> str:
    return ", ".join(f"{q(col)} = {expr}" for col, expr in b.assignments)


def _timeouts() -> list[str]:
    return [f"    PERFORM set_config('lock_timeout', {quote_literal(LOCK_TIMEOUT)}, true);",
            f"    PERFORM set_config('statement_timeout', {quote_literal(STATEMENT_TIMEOUT)}, true);"]


def _notice(b: Backfill) -> str:
    # RAISE reads % as a placeholder: a literal one in a name or label is written %%
    text = f"specguard backfill {b.table.name} ({b.label})".replace("%", "%%") + ": % rows updated"
    return f"    RAISE NOTICE {quote_literal(text)}, {_BLOCK}.total;"


def _keyset_body(b: Backfill, key: tuple[str, ...], batch_rows: int) -> str:
    """Walk the primary key in order: ``last_*`` is where the previous batch ended."""
    types = {c.name: c.type.sql() for c in b.table.columns}
    last = [f"{_BLOCK}.last_{i}" for i in range(len(key))]
    upto = [f"{_BLOCK}.upto_{i}" for i in range(len(key))]
    cols = ", ".join(q(c) for c in key)
    keys = f"({cols})" if len(key) > 1 else cols
    tup = lambda names: f"({', '.join(names)})" if len(names) > 1 else names[0]  # noqa: E731
    after = f"({last[0]} IS NULL OR {keys} > {tup(last)})"
    desc = ", ".join(f"{q(c)} DESC" for c in key)
    t = q(b.table.name)
    declare = [f"  {v.rpartition('.')[2]} {types[c]};" for c, lv, uv in zip(key, last, upto) for v in (lv, uv)]
    lines = [*_head(declare), *_timeouts(),
             f"    SELECT {cols} INTO {', '.join(upto)} FROM (",
             f"      SELECT {cols} FROM {t} WHERE {after} ORDER BY {cols} LIMIT {batch_rows}",
             f"    ) AS batch ORDER BY {desc} LIMIT 1;",
             f"    EXIT WHEN {upto[0]} IS NULL;",
             f"    UPDATE {t} SET {_set(b)}",
             f"      WHERE {after} AND {keys} <= {tup(upto)} AND ({b.condition});",
             *_count(),
             *(f"    {a} := {u};" for a, u in zip(last, upto)),
             _notice(b), "    COMMIT;", "  END LOOP;", "END"]
    return "\n".join(lines)


def _ctid_body(b: Backfill, batch_rows: int) -> str:
    t = q(b.table.name)
    lines = [*_head([]), *_timeouts(),
             f"    UPDATE {t} SET {_set(b)}",
             f"      WHERE ctid = ANY (ARRAY(SELECT ctid FROM {t} WHERE ({b.condition}) LIMIT {batch_rows}",
             "                              FOR UPDATE SKIP LOCKED));",
             *_count(), _notice(b), "    COMMIT;", f"    EXIT WHEN {_BLOCK}.n = 0;", "  END LOOP;", "END"]
    return "\n".join(lines)


def _head(declare: list[str]) -> list[str]:
    # A user's column may share a name with a variable (n, total, last_0): the column wins, and the
    # statements name the variables through the block label, so neither is ever taken for the other.
    return ["#variable_conflict use_column", f"<<{_BLOCK}>>", "DECLARE", "  total bigint := 0;", "  n bigint;",
            *declare, "BEGIN", "  LOOP"]


def _count() -> list[str]:
    return [f"    GET DIAGNOSTICS {_BLOCK}.n = ROW_COUNT;", f"    {_BLOCK}.total := {_BLOCK}.total + {_BLOCK}.n;"]
