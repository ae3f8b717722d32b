"""Fixtures of the cache tests: one real Redis server per session, flushed before each test, and the
generated example package importable as ``specguard_generated``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from generated_import import imported  # noqa: E402
from redis_server import client, redis_server  # noqa: E402

GENERATED = Path(__file__).resolve().parents[2] / "generated" / "python"


@pytest.fixture(scope="session")
def redis_connection(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def r(redis_connection):
    """A redis-py client on an empty database."""
    c = client(redis_connection)
    c.flushdb()
    yield c
    c.close()


@pytest.fixture(scope="session")
def gen():
    """The generated example package (generated/python/specguard_generated)."""
    with imported(GENERATED) as package:
        yield package
