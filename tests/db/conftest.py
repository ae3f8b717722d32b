"""A small schema written twice: as hand-written DDL and as the IR catalog the specs would build.

The two must agree exactly (no diagnostics); each test then perturbs one object on the database
side and checks the code and target that compare reports. Expected expressions are in the
canonical form the builder keeps (sqlfrag.canonical), so the normal form is tested against what
PostgreSQL really prints back.
"""

from __future__ import annotations

import pytest

from specguard.compiler.ir.catalog import (
    Catalog,
    Check,
    Column,
    ColumnType,
    Default,
    Enum,
    ForeignKey,
    Index,
    PrimaryKey,
    Table,
    Unique,
)
from specguard.compiler.resolve.sqlfrag import canonical
from specguard.diagnostics import Span

SCHEMA_DDL = """
CREATE TYPE "MessageRole" AS ENUM ('user', 'assistant', 'system');

CREATE TABLE "User" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "email" varchar(200) NOT NULL,
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "User_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "User_email_key" UNIQUE ("email")
);

CREATE TABLE "Companion" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "userId" uuid NOT NULL,
    "name" text NOT NULL,
    "isPublic" boolean NOT NULL DEFAULT false,
    "tokensBurned" bigint NOT NULL DEFAULT 0,
    "personality" jsonb NOT NULL DEFAULT '{}',
    "toolAccess" text[] NOT NULL DEFAULT '{}',
    "tags" text[] NOT NULL DEFAULT ARRAY['a', 'b'],
    "version" integer NOT NULL DEFAULT 1,
    "price" numeric(10,2),
    "legacyNotes" text,
    "kind" varchar(20) NOT NULL DEFAULT 'basic',
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "Companion_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Companion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE,
    CONSTRAINT "Companion_userId_name_key" UNIQUE ("userId", "name"),
    CONSTRAINT "tokens_burned_nonnegative" CHECK ("tokensBurned" >= 0),
    CONSTRAINT "kind_known" CHECK ("kind" IN ('basic', 'pro')),
    CONSTRAINT "version_range" CHECK ("version" BETWEEN 1 AND 99)
);
CREATE INDEX "Companion_userId_createdAt_idx" ON "Companion" ("userId", "createdAt");
CREATE INDEX "Companion_public_recent_idx" ON "Companion" ("createdAt") WHERE "isPublic";
CREATE INDEX "Companion_personality_idx" ON "Companion" USING gin ("personality");

CREATE TABLE "Message" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "companionId" uuid NOT NULL,
    "userId" uuid,
    "role" "MessageRole" NOT NULL DEFAULT 'user',
    "content" text NOT NULL,
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "Message_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Message_companionId_fkey" FOREIGN KEY ("companionId") REFERENCES "Companion" ("id") ON DELETE CASCADE,
    CONSTRAINT "Message_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL
);
CREATE INDEX "Message_companionId_createdAt_idx" ON "Message" ("companionId", "createdAt");
CREATE INDEX "Message_user_role_idx" ON "Message" ("createdAt") WHERE "role" = 'user' AND "content" LIKE 'x%';
"""


def _col(name, base, *, args=(), array=False, enum=False, nullable=False, default=None, line=0, **kw):
    d = Default(canonical(default)) if default is not None else None
    span = Span("specs/models.yaml", line, 5) if line else None
    return Column(name, ColumnType(base, tuple(args), array, enum), nullable, d, span=span, **kw)


def expected_catalog() -> Catalog:
    f = "specs/models.yaml"
    user = Table(
        "User",
        (
            _col("id", "uuid", default="gen_random_uuid()", line=3),
            _col("email", "varchar", args=(200,), line=4),
            _col("createdAt", "timestamptz", default="now()", line=5),
        ),
        primary_key=PrimaryKey("User_pkey", ("id",)),
        uniques=(Unique("User_email_key", ("email",)),),
        span=Span(f, 1, 1),
        critical=True,
    )
    companion = Table(
        "Companion",
        (
            _col("id", "uuid", default="gen_random_uuid()", line=11),
            _col("userId", "uuid", line=12),
            _col("name", "text", line=13, description="ignored by drift"),
            _col("isPublic", "boolean", default="false", line=14),
            _col("tokensBurned", "bigint", default="0", line=15),
            _col("personality", "jsonb", default="'{}'::jsonb", line=16, config="personality_config"),
            _col("toolAccess", "text", array=True, default="ARRAY[]::text[]", line=17),
            _col("tags", "text", array=True, default="'{a,b}'", line=18),
            _col("version", "integer", default="1", line=19),
            _col("price", "numeric", args=(10, 2), nullable=True, line=20),
            _col("legacyNotes", "text", nullable=True, deprecated="moved", line=21),
            _col("kind", "varchar", args=(20,), default="'basic'", line=22),
            _col("createdAt", "timestamptz", default="now()", line=23),
        ),
        primary_key=PrimaryKey("Companion_pkey", ("id",)),
        foreign_keys=(ForeignKey("Companion_userId_fkey", ("userId",), "User", ("id",), "cascade",
                                 span=Span(f, 25, 5)),),
        uniques=(Unique("Companion_userId_name_key", ("userId", "name"), span=Span(f, 28, 5)),),
        checks=(
            Check("kind_known", canonical("\"kind\" IN ('basic', 'pro')"), span=Span(f, 30, 5)),
            Check("tokens_burned_nonnegative", canonical('"tokensBurned" >= 0'), span=Span(f, 31, 5)),
            Check("version_range", canonical('"version" BETWEEN 1 AND 99'), span=Span(f, 32, 5)),
        ),
        indexes=(
            Index("Companion_personality_idx", ("personality",), "gin", span=Span(f, 35, 5)),
            Index("Companion_public_recent_idx", ("createdAt",), where=canonical('"isPublic"'), span=Span(f, 36, 5)),
            Index("Companion_userId_createdAt_idx", ("userId", "createdAt"), span=Span(f, 37, 5)),
        ),
        span=Span(f, 10, 1),
    )
    message = Table(
        "Message",
        (
            _col("id", "uuid", default="gen_random_uuid()", line=41),
            _col("companionId", "uuid", line=42),
            _col("userId", "uuid", nullable=True, line=43),
            _col("role", "MessageRole", enum=True, default="'user'", line=44),
            _col("content", "text", line=45),
            _col("createdAt", "timestamptz", default="now()", line=46),
        ),
        primary_key=PrimaryKey("Message_pkey", ("id",)),
        foreign_keys=(
            ForeignKey("Message_companionId_fkey", ("companionId",), "Companion", ("id",), "cascade"),
            ForeignKey("Message_userId_fkey", ("userId",), "User", ("id",), "set_null"),
        ),
        indexes=(
            Index("Message_companionId_createdAt_idx", ("companionId", "createdAt")),
            Index("Message_user_role_idx", ("createdAt",),
                  where=canonical("role = 'user' AND content LIKE 'x%'"), span=Span(f, 50, 5)),
        ),
        span=Span(f, 40, 1),
    )
    role = Enum("MessageRole", ("user", "assistant", "system"), span=Span("specs/enums.yaml", 1, 1))
    return Catalog(tables=(companion, message, user), enums=(role,))


def run_sql(url: str, sql: str) -> None:
    from specguard.db.server import connect

    with connect(url) as conn:
        conn.execute(sql.encode())


@pytest.fixture
def schema_url(pg_url: str) -> str:
    """A scratch database holding SCHEMA_DDL."""
    run_sql(pg_url, SCHEMA_DDL)
    return pg_url
