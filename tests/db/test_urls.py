"""Passwords never reach a printed URL or an error message."""

from __future__ import annotations

import pytest

from specguard.db.urls import mask_url, passwords_in, scrub, with_database
from specguard.diagnostics import SpecguardError

SECRET = "hunter2-fake"


@pytest.mark.parametrize(
    "url, masked",
    [
        ("postgresql://app:hunter2-fake@db.example:5432/app", "postgresql://app:***@db.example:5432/app"),
        ("postgres://app:hunter2-fake@db/app?sslmode=require", "postgres://app:***@db/app?sslmode=require"),
        ("postgresql://app:hun%40ter2-fake@db/app", "postgresql://app:***@db/app"),
        ("postgresql://app:hunter2/fake@db/app", "postgresql://app:***@db/app"),
        ("postgresql://app@db/app?password=hunter2-fake&sslmode=require",
         "postgresql://app@db/app?password=***&sslmode=require"),
        ("postgresql://db/app?user=app&password=hunter2-fake", "postgresql://db/app?user=app&password=***"),
        ("host=db user=app password=hunter2-fake dbname=app", "host=db user=app password=*** dbname=app"),
        ("host=db password='hunter2 fake' dbname=app", "host=db password=*** dbname=app"),
        ("host=db password = hunter2-fake", "host=db password = ***"),
        ("postgresql://postgres:@/postgres?host=/tmp/pg", "postgresql://postgres:@/postgres?host=/tmp/pg"),
        ("postgresql://app@db/app", "postgresql://app@db/app"),
        ("", ""),
    ],
)
def test_mask_url(url, masked):
    assert mask_url(url) == masked
    for pw in passwords_in(url):
        assert pw not in mask_url(url)


def test_scrub_removes_the_password_wherever_it_is_quoted():
    url = "postgresql://app:hunter2-fake@db/app"
    text = 'missing "=" after "hunter2-fake" in connection info; see postgres://x:other-fake@h/d and password=zzz-fake'
    out = scrub(text, url)
    assert SECRET not in out and "other-fake" not in out and "zzz-fake" not in out
    assert "postgres://x:***@h/d" in out


def test_with_database_keeps_spelling():
    assert with_database("postgresql://u:fake-pw@h:5/a?dbname=x&sslmode=require", "b") == "postgresql://u:fake-pw@h:5/b?sslmode=require"
    assert with_database("postgresql://postgres:@/postgres?host=/tmp/s", "b") == "postgresql://postgres:@/b?host=/tmp/s"
    assert "dbname=b" in with_database("host=h dbname=a", "b")


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://app:{SECRET}@127.0.0.1:1/app",
        f"host=127.0.0.1 port=1 user=app password={SECRET} dbname=app",
        f"postgresql://app@127.0.0.1:1/app?password={SECRET}",
        f"host=127.0.0.1 port=1 password={SECRET} bogus_option=1",  # libpq rejects the conninfo
        f"postgresql://app:{SECRET}@127.0.0.1:notaport/app",
    ],
)
def test_connection_errors_never_show_the_password(url, capsys):
    from specguard.db.server import connect

    with pytest.raises(SpecguardError) as info:
        connect(url)
    d = info.value.diagnostic
    assert d.code == "SG002"
    shown = " ".join([str(info.value), d.message, d.hint or "", repr(d.to_dict())])
    assert SECRET not in shown
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert SECRET not in capsys.readouterr().err


def test_drift_on_a_bad_url_is_sg002_without_password():
    from specguard.compiler.ir.catalog import Catalog
    from specguard.db.drift import drift

    with pytest.raises(SpecguardError) as info:
        drift(f"postgresql://app:{SECRET}@127.0.0.1:1/app", Catalog())
    assert info.value.diagnostic.code == "SG002"
    assert SECRET not in info.value.diagnostic.message
    assert "***" in info.value.diagnostic.message


# --- every spelling a user may write ------------------------------------------------------------------

PW = "Sekr1t-fake"
SPELLINGS = [
    # (what the user typed, the password in it, what libpq is given, the schema compared, pooled?)
    (f"postgresql://app:{PW}@db.example:5432/app", PW, f"postgresql://app:{PW}@db.example:5432/app", "public", None),
    (f"POSTGRESQL://app:{PW}@db.example/app", PW, f"postgresql://app:{PW}@db.example/app", "public", None),
    (f"Postgres://app:{PW}@db.example/app", PW, f"postgresql://app:{PW}@db.example/app", "public", None),
    (f"postgresql+psycopg://app:{PW}@db.example/app", PW, f"postgresql://app:{PW}@db.example/app", "public", None),
    (f"postgresql+asyncpg://app:{PW}@db.example/app", PW, f"postgresql://app:{PW}@db.example/app", "public", None),
    (f"jdbc:postgresql://db.example:5432/app?user=app&password={PW}", PW,
     f"postgresql://db.example:5432/app?user=app&password={PW}", "public", None),
    (f"jdbc:postgresql://db.example/app?user=app&password={PW}&ssl=require", PW, None, "public", None),
    (f"app:{PW}@db.example:5432/app", PW, f"postgresql://app:{PW}@db.example:5432/app", "public", None),
    ("postgresql://app:Sekr1t fake@db.example/app", "Sekr1t fake", "postgresql://app:Sekr1t%20fake@db.example/app",
     "public", None),
    ("postgresql://app:p@ss:w/rd%x@db.example/app", "p@ss:w/rd%x", "postgresql://app:p%40ss%3Aw%2Frd%25x@db.example/app",
     "public", None),
    ("postgresql://app:we?ird#pw@db.example/app", "we?ird#pw", "postgresql://app:we%3Fird%23pw@db.example/app",
     "public", None),
    (f"postgresql://app@db.example/app?password={PW}&sslmode=require", PW,
     f"postgresql://app@db.example/app?password={PW}&sslmode=require", "public", None),
    (f"host=db.example user=app password={PW} dbname=app", PW, f"host=db.example user=app password={PW} dbname=app",
     "public", None),
    ("host=db.example password='Sekr1t fake' dbname=app", "Sekr1t fake", None, "public", None),
    # Prisma: its own parameters dropped, schema= chosen, libpq's kept, pooling noticed
    (f"postgresql://app:{PW}@db.example:5432/app?schema=tenant1&connection_limit=5&pool_timeout=10"
     "&socket_timeout=3&sslmode=require&connect_timeout=5",
     PW, f"postgresql://app:{PW}@db.example:5432/app?sslmode=require&connect_timeout=5", "tenant1", None),
    (f"postgresql://app:{PW}@db.example:6543/app?pgbouncer=true&statement_cache_size=0", PW,
     f"postgresql://app:{PW}@db.example:6543/app", "public", "pgbouncer=true"),
    (f"postgresql://app:{PW}@ep-cool-name-123-pooler.eu-central-1.aws.neon.tech/app?sslmode=require", PW,
     f"postgresql://app:{PW}@ep-cool-name-123-pooler.eu-central-1.aws.neon.tech/app?sslmode=require", "public",
     "the host is a pooler (`-pooler`)"),
    ("postgresql://postgres:@/postgres?host=/tmp/pg", None, "postgresql://postgres:@/postgres?host=/tmp/pg", "public", None),
]


@pytest.mark.parametrize("typed, password, conninfo, schema, pooled", SPELLINGS, ids=[s[0][:40] for s in SPELLINGS])
def test_every_spelling_is_understood_and_masked(typed, password, conninfo, schema, pooled):
    from specguard.db.urls import parse_database_url

    parsed = parse_database_url(typed)
    if conninfo is not None:
        assert parsed.conninfo == conninfo
    assert (parsed.schema, parsed.pooled) == (schema, pooled)
    if password:
        assert password not in parsed.shown and password not in mask_url(typed)
        assert "***" in parsed.shown
        assert password in parsed.passwords
        assert password not in scrub(f"could not connect: {typed} ({conninfo})", typed)


@pytest.mark.parametrize("typed", [s[0] for s in SPELLINGS if s[1]])
def test_connection_errors_of_every_spelling_hold_no_password(typed, monkeypatch):
    """The real client, refused on a closed port (or by its own parser): the error is masked."""
    from specguard.db.server import connect

    typed = typed.replace("db.example:5432", "127.0.0.1:1").replace("db.example:6543", "127.0.0.1:1")
    typed = typed.replace("db.example", "127.0.0.1:1").replace("-pooler.eu-central-1.aws.neon.tech", "")
    with pytest.raises(SpecguardError) as info:
        connect(typed)
    d = info.value.diagnostic
    password = next(s[1] for s in SPELLINGS if s[1] and s[1] in typed)
    assert password not in " ".join([d.message, d.hint or "", repr(d.to_dict())]), d.message


def test_another_kind_of_url_is_refused_without_its_password():
    from specguard.db.server import connect

    with pytest.raises(SpecguardError) as info:
        connect(f"mysql://app:{PW}@db.example/app")
    assert info.value.diagnostic.code == "SG003" and PW not in info.value.diagnostic.message


def test_an_unknown_parameter_is_refused_before_libpq_quotes_the_url():
    from specguard.db.server import connect

    with pytest.raises(SpecguardError) as info:
        connect(f"postgresql://app:{PW}@127.0.0.1:1/app?sslmdoe=require")
    d = info.value.diagnostic
    assert d.code == "SG003" and "`sslmdoe`" in d.message and PW not in d.message
    assert d.hint == "did you mean `sslmode`?"
