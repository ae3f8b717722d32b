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
