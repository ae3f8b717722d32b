"""SQLAlchemy ``MetaData`` describing a specguard catalog: what an alembic user's models would declare.

Columns with their PostgreSQL types, nullability and server defaults; primary keys, foreign keys,
unique and check constraints and indexes (partial and by method) under the names specguard gives
them, so that alembic's autogenerate compares the same objects specguard's diff does.
"""

from __future__ import annotations

from typing import Any


def _types() -> dict[str, Any]:
    from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, Numeric, SmallInteger, Text, Time
    from sqlalchemy import Integer as Int
    from sqlalchemy.dialects import postgresql as pg

    return {
        "text": lambda a: Text(), "varchar": lambda a: pg.VARCHAR(*a), "smallint": lambda a: SmallInteger(),
        "integer": lambda a: Int(), "bigint": lambda a: BigInteger(), "numeric": lambda a: Numeric(*a),
        "real": lambda a: pg.REAL(), "double precision": lambda a: pg.DOUBLE_PRECISION(),
        "boolean": lambda a: Boolean(), "uuid": lambda a: pg.UUID(), "date": lambda a: Date(),
        "time": lambda a: Time(), "timestamp": lambda a: DateTime(), "timestamptz": lambda a: DateTime(timezone=True),
        "interval": lambda a: pg.INTERVAL(), "json": lambda a: JSON(), "jsonb": lambda a: pg.JSONB(),
        "bytea": lambda a: pg.BYTEA(),
    }


def _column_type(t, enums: dict, types: dict):
    from sqlalchemy.dialects import postgresql as pg

    base = enums[t.base] if t.enum else types[t.base](t.args)
    return pg.ARRAY(base) if t.array else base


_ON_DELETE = {"cascade": "CASCADE", "restrict": "RESTRICT", "set_null": "SET NULL", "no_action": None}


def _table(t, md, enums: dict, types: dict):
    import sqlalchemy as sa

    pk = set(t.primary_key.columns) if t.primary_key else set()
    cols = [sa.Column(c.name, _column_type(c.type, enums, types), nullable=c.nullable and c.name not in pk,
                      server_default=sa.text(c.default.sql) if c.default else None) for c in t.columns]
    parts: list[Any] = []
    if t.primary_key:
        parts.append(sa.PrimaryKeyConstraint(*t.primary_key.columns, name=t.primary_key.name))
    for fk in t.foreign_keys:
        parts.append(sa.ForeignKeyConstraint(list(fk.columns), [f"{fk.ref_table}.{c}" for c in fk.ref_columns],
                                             name=fk.name, ondelete=_ON_DELETE[fk.on_delete]))
    parts += [sa.UniqueConstraint(*u.columns, name=u.name) for u in t.uniques]
    parts += [sa.CheckConstraint(sa.text(c.expression), name=c.name) for c in t.checks]
    table = sa.Table(t.name, md, *cols, *parts)
    for ix in t.indexes:
        sa.Index(ix.name, *(table.c[c] for c in ix.columns), unique=ix.unique, postgresql_using=ix.using,
                 postgresql_where=sa.text(ix.where) if ix.where else None)
    return table


def metadata_for(catalog) -> Any:
    """A ``MetaData`` holding every table and enum of ``catalog``."""
    import sqlalchemy as sa
    from sqlalchemy.dialects import postgresql as pg

    md = sa.MetaData()
    enums = {e.name: pg.ENUM(*e.values, name=e.name, metadata=md, create_type=False) for e in catalog.enums}
    types = _types()
    for t in catalog.tables:
        _table(t, md, enums, types)
    return md
