"""Letting PostgreSQL itself print a spec expression, for the cases the normal form cannot settle.

A literal the server re-prints in its own spelling (``'2020-01-01'`` on a timestamp column becomes
``'2020-01-01 00:00:00'::timestamp without time zone``) can only be compared exactly by asking the
server how it would store the spec's expression in the same place.
"""

from __future__ import annotations

from specguard.compiler.resolve.sqlfrag import parse_expression
from specguard.db.normalize import same_expression


class ServerRenderer:
    """An expression comparer that, when the normal forms differ, lets PostgreSQL analyse the spec's
    expression against a copy of the real table and compares what ``pg_get_expr`` prints.

    Only for a database specguard owns (the verify scratch database): it creates a temp table and
    alters it inside a transaction that is always rolled back. drift never uses it, because its
    transaction is READ ONLY and a live database must not see even a temp table.
    """

    def __init__(self, conn, schema: str = "public"):
        self.conn = conn
        self.schema = schema

    def __call__(self, kind: str, table: str, column: str | None, expected: str, actual: str) -> bool:
        if same_expression(expected, actual):
            return True
        rendered = self.render(kind, table, column, expected)
        return rendered is not None and same_expression(rendered, actual)

    def render(self, kind: str, table: str, column: str | None, sql: str) -> str | None:
        """``sql`` as the server prints it back in that place, or None when the server refuses it."""
        import psycopg
        from psycopg import sql as q

        if kind == "default" and column is None:
            return None
        # the spec's fragment was parsed as exactly one expression by sqlfrag; refuse anything else
        # here too, since it is pasted into DDL
        try:
            parse_expression(sql)
        except Exception:
            return None
        probe = q.Identifier("sg_probe")
        expr = q.SQL(sql)  # type: ignore[arg-type]  # checked above: one expression
        steps = {
            "default": (q.SQL("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT ({})").format(
                            probe, q.Identifier(column or ""), expr),
                        "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a "
                        "ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
                        "WHERE d.adrelid = 'pg_temp.sg_probe'::regclass AND a.attname = %s"),
            "check": (q.SQL("ALTER TABLE {} ADD CONSTRAINT sg_probe_check CHECK ({}) NOT VALID").format(probe, expr),
                      "SELECT pg_get_expr(conbin, conrelid) FROM pg_constraint "
                      "WHERE conrelid = 'pg_temp.sg_probe'::regclass AND conname = %s"),
            "index": (q.SQL("CREATE INDEX sg_probe_idx ON {} ((1)) WHERE ({})").format(probe, expr),
                      "SELECT pg_get_expr(x.indpred, x.indrelid) FROM pg_index x "
                      "WHERE x.indrelid = 'pg_temp.sg_probe'::regclass AND %s IS NOT NULL"),
        }
        if kind not in steps:
            return None
        ddl, query = steps[kind]
        key = column if kind == "default" else "sg_probe_check" if kind == "check" else "x"
        try:
            with self.conn.transaction(force_rollback=True):
                self.conn.execute(
                    q.SQL("CREATE TEMP TABLE {} (LIKE {})").format(probe, q.Identifier(self.schema, table))
                )
                self.conn.execute(ddl)
                row = self.conn.execute(query, (key,)).fetchone()
        except psycopg.Error:
            return None
        return row[0] if row else None
