"""Hostile or odd file systems: bounded work, a diagnostic for each refusal, never a hang or a leak.

Each case builds something under a real spec root (a FIFO, a device, a socket, a 1 GiB sparse file,
links out of the tree, a folder that cannot be read, names with control characters, an output folder
that cannot be written) and runs the real command line. An alarm turns a hang into a failure.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
from pathlib import Path

import pytest

from specguard.cli.entry import entry

ROOT = Path(__file__).resolve().parents[2]
SPEC = "kind: model\nname: Account\ncolumns:\n  id: {type: uuid, primary_key: true}\n"
MARKER = "TOP-SECRET-LINE-fake"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "account.yaml").write_text(SPEC)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()

    def hung(signum, frame):
        raise AssertionError("specguard hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = entry(list(argv))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return rc, out.getvalue(), err.getvalue()


def _codes(out: str) -> list[str]:
    return [d["code"] for d in json.loads(out)["diagnostics"]]


def _fifo(specs: Path) -> None:
    os.mkfifo(specs / "pipe.yaml")


def _device(specs: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    os.mknod(specs / "null.yaml", stat.S_IFCHR | 0o600, os.makedev(1, 3))


def _socket(specs: Path) -> None:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(specs / "sock.yaml"))
    s.close()


def _link_to_a_file_outside(specs: Path) -> None:
    outside = specs.parent / "outside.yaml"
    outside.write_text(f"kind: model\nname: {MARKER}\n")
    (specs / "users.yaml").symlink_to(outside)


def _link_to_dev_zero(specs: Path) -> None:
    (specs / "zero.yaml").symlink_to("/dev/zero")


def _link_to_a_folder_outside(specs: Path) -> None:
    (specs.parent / "elsewhere").mkdir()
    (specs.parent / "elsewhere" / "x.yaml").write_text(f"# {MARKER}\n")
    (specs / "more").symlink_to(specs.parent / "elsewhere")


REFUSED = [  # (what is placed under specs/, words the SG005 message holds)
    (_fifo, "is a FIFO"),
    (_device, "is a device"),
    (_socket, "is a socket"),
    (_link_to_a_file_outside, "leads out of the spec root"),
    (_link_to_dev_zero, "leads out of the spec root"),
    (_link_to_a_folder_outside, "leads out of the spec root"),
]


@pytest.mark.parametrize("make, words", REFUSED, ids=[m.__name__.strip("_") for m, _ in REFUSED])
@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_what_is_not_a_regular_file_inside_the_root_is_refused(project, make, words, cache):
    make(project / "specs")
    rc, out, err = run("check", "--format", "json", *([] if cache else ["--no-cache"]))
    assert rc == 2 and _codes(out) == ["SG005"]
    assert words in json.loads(out)["diagnostics"][0]["message"]
    assert MARKER not in out + err


def test_a_link_inside_the_root_is_followed(project):
    (project / "specs" / "alias.yaml").symlink_to(project / "specs" / "account.yaml")
    rc, out, _ = run("check", "--format", "json", "--no-cache")
    assert "SG005" not in _codes(out) and "SG114" in _codes(out)  # read twice: Account defined twice


def test_a_huge_sparse_file_is_refused_before_it_is_read(project):
    with open(project / "specs" / "huge.yaml", "wb") as f:
        f.truncate(1 << 30)
    for argv in (["check", "--no-cache"], ["check"], ["check"], ["check", "--format", "sarif"]):
        rc, out, _ = run(*argv)
        assert rc == 1 and "SG104" in out and "larger than 5 MB" in out, out


def test_an_unreadable_folder_is_reported_not_skipped(project, monkeypatch):
    locked = project / "specs" / "private"
    locked.mkdir()
    (locked / "user.yaml").write_text(SPEC.replace("Account", "User"))
    if os.geteuid() == 0:  # root reads any folder: make this one fail to list, as it would for a user
        real = os.scandir

        def scandir(path="."):
            if Path(path).resolve() == locked.resolve():
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    try:
        rc, out, _ = run("check", "--format", "json", "--no-cache")
    finally:
        locked.chmod(0o755)
    d = json.loads(out)["diagnostics"]
    assert rc == 2 and [x["code"] for x in d] == ["SG005"]
    assert "specs/private" in d[0]["message"] and "Permission denied" in d[0]["message"]


ODD_NAMES = ["new\nline.yaml", "esc\x1b[31mred\x07.yaml", "tab\there.yaml", "rtl\u202eamly.yaml"]


@pytest.mark.parametrize("name", ODD_NAMES, ids=["newline", "escape-bell", "tab", "bidi"])
def test_control_characters_in_a_file_name_are_escaped_in_every_format(project, name):
    (project / "specs" / name).write_text("kind: model\nname: Bad\ncolumns:\n  id: {type: uuid, nulable: true}\n")
    rc, text, _ = run("check", "--no-cache")
    header = next(line for line in text.splitlines() if "error[SG106]" in line)
    assert header.startswith("specs/") and header.endswith("(syntax)")  # the name did not split it
    rc, github, _ = run("check", "--format", "github")
    (line,) = github.splitlines()
    rc, out, _ = run("check", "--format", "json")
    (d,) = json.loads(out)["diagnostics"]
    rc, sarif, _ = run("check", "--format", "sarif")
    json.loads(sarif)
    for shown in (text, github, out, sarif):
        assert not any(ch in shown for ch in "\x1b\x07\t\u202e"), repr(shown)
    assert d["file"].startswith("specs/") and "\n" not in d["file"]


def test_compile_into_a_file_is_a_clear_error(project):
    rc, out, err = run("compile", "--generated", "specs/account.yaml")
    assert rc == 2 and out == "" and "SG006" in err and "is a file, not a folder" in err
    assert "Traceback" not in err


@contextlib.contextmanager
def _read_only(path: Path):
    if os.geteuid() == 0:  # root writes through permissions: the immutable attribute stops it too
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("cannot make a folder read-only for root here")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.chmod(0o555)
        try:
            yield
        finally:
            path.chmod(0o755)


def test_compile_into_a_read_only_folder_is_a_clear_error(project):
    (project / "generated").mkdir()
    with _read_only(project / "generated"):
        rc, out, err = run("compile", "--name", "init")
    assert rc == 2 and "SG006" in err and "Traceback" not in err, out + err
    assert list((project / "generated").iterdir()) == []


def test_compile_over_a_read_only_file_rolls_back_with_a_clear_error(project):
    assert run("compile", "--name", "init")[0] == 0
    (project / "specs" / "account.yaml").write_text(SPEC + "  email: {type: text, nullable: true}\n")
    state = project / "generated" / "state.json"
    before = {p: p.read_bytes() for p in (project / "generated").rglob("*") if p.is_file()}
    with _read_only(project / "generated" / "migrations"):
        rc, out, err = run("compile", "--name", "email")
    assert rc == 2 and "SG006" in err and "Traceback" not in err, out + err
    assert {p: p.read_bytes() for p in (project / "generated").rglob("*") if p.is_file()} == before
    assert state.exists()
