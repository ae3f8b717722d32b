"""Shared fixtures: hypothesis profiles and the real PostgreSQL used by integration tests.

Database tests use the embedded PostgreSQL that the ``pgserver`` package ships, or the server named by
``TEST_DATABASE_URL``. Each test that asks for ``pg_url`` gets a fresh scratch database, dropped after.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI: bounded and fast. deep: run by hand (HYPOTHESIS_PROFILE=deep pytest -m slow ...).
settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    """URL of a PostgreSQL server on which tests may create and drop databases."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    from specguard.db.server import embedded_server_url

    return embedded_server_url()


@pytest.fixture
def pg_url(pg_admin_url: str):
    """A fresh, empty database for one test; dropped afterwards, also when the test fails."""
    from specguard.db.server import scratch_database

    with scratch_database(pg_admin_url, prefix="sgtest") as url:
        yield url


def pytest_addoption(parser):
    # Golden files (tests/cases, tests/render/golden): rewrite them, then review every change in the diff.
    parser.addoption("--update-golden", action="store_true", help="rewrite golden expected files")
