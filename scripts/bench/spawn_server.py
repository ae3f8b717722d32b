"""Starts measured processes on behalf of the benchmark, from a process that stays small.

Linux counts the memory a child held before ``exec`` in its peak RSS: a child forked from a large
process (the benchmark, once it has imported SQLAlchemy or built a catalog) reports at least the
parent's size. This server is started while the benchmark is still small, imports nothing but
``os``, ``sys``, ``json`` and ``time``, and forks every measured command itself, so peaks are the
commands' own (floored at this server's few MB) and fork costs the same for every command.

Protocol: one JSON request a line on stdin (``argv``, ``cwd``, ``env``, ``stdout``, ``stderr``: file
paths for the output), one JSON reply a line on stdout (``code``, ``rss_kb``, ``ms``).
"""

import json
import os
import sys
import time


def _child(req: dict) -> None:
    try:
        if req.get("cwd"):
            os.chdir(req["cwd"])
        for fd, path in ((1, req["stdout"]), (2, req["stderr"])):
            target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(target, fd)
            os.close(target)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.execvpe(req["argv"][0], req["argv"], req["env"])
    except BaseException as exc:  # exec failed: say so where the caller reads stderr
        os.write(2, f"cannot run {req['argv'][0]}: {exc}\n".encode())
    os._exit(127)


def serve() -> None:
    for line in sys.stdin:
        req = json.loads(line)
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            _child(req)
        _, status, usage = os.wait4(pid, 0)
        ms = (time.perf_counter() - start) * 1000
        reply = {"code": os.waitstatus_to_exitcode(status), "rss_kb": usage.ru_maxrss, "ms": ms}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
