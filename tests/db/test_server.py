"""The embedded server and scratch databases."""

from __future__ import annotations

import pytest

from specguard.db.server import connect, scratch_database

pytestmark = pytest.mark.pg


def _databases(admin_url: str) -> set[str]:
    with connect(admin_url) as conn:
        return {r[0] for r in conn.execute("SELECT datname FROM pg_database")}


def test_scratch_database_is_created_and_dropped(pg_admin_url):
    with scratch_database(pg_admin_url, prefix="sgt") as url:
        with connect(url) as conn:
            (name,) = conn.execute("SELECT current_database()").fetchone()
        assert name.startswith("sgt_") and name in _databases(pg_admin_url)
    assert name not in _databases(pg_admin_url)


def test_scratch_database_is_dropped_on_failure_even_with_open_connections(pg_admin_url):
    held = None
    with pytest.raises(RuntimeError, match="boom"):
        with scratch_database(pg_admin_url, prefix="sgt") as url:
            held = connect(url)  # left open on purpose: WITH (FORCE) must still drop the database
            (name,) = held.execute("SELECT current_database()").fetchone()
            raise RuntimeError("boom")
    assert name not in _databases(pg_admin_url)
    held.close()


def test_embedded_server_is_started_once():
    import os

    if os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("tests use TEST_DATABASE_URL, not the embedded server")
    from specguard.db.server import embedded_server_url

    assert embedded_server_url() is embedded_server_url()
