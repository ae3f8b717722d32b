"""No secret is printed or stored outside the spec file itself.

A hypothesis fuzz puts credentials of many kinds (URL passwords in every scheme spelling, vendor
tokens, password assignments, long random tokens) anywhere in a spec (values, keys, comments on a
line an error points at, names, enum values, config schemas, cache keys, file names) and runs the
real command line: ``check`` in every format, cold and from the result cache, ``plan`` and
``compile``. The raw secret must appear in no output and in no file that specguard writes.
"""

from __future__ import annotations

import contextlib
import io
import random
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specguard.cli.entry import entry
from specguard.diagnostics.redact import credentials

ALNUM = string.ascii_letters + string.digits
BASE = """\
kind: model
name: Account
columns:
  id: {type: uuid, primary_key: true}
  note: {type: text, nullable: true}
"""


def _token(rng: random.Random, n: int, alphabet: str = ALNUM) -> str:
    while True:  # every class present, so it reads as random (which is what a leaked token is)
        t = "".join(rng.choice(alphabet) for _ in range(n))
        if any(c.islower() for c in t) and any(c.isupper() for c in t) and any(c.isdigit() for c in t):
            return t


def _secret(kind: str, rng: random.Random) -> tuple[str, str]:
    """(the text placed in the spec, the raw secret that must never be printed)."""
    pw = _token(rng, rng.randint(10, 18), ALNUM + "-_.~")
    if kind == "url":
        scheme = rng.choice(["postgres", "postgresql", "POSTGRESQL", "postgresql+psycopg", "redis", "https",
                             "jdbc:postgresql", "mysql+pymysql"])
        raw = pw + rng.choice(["", "@x", "/y", "%z", ":w"])  # raw @ / % : typed in the password
        return f"{scheme}://app:{raw}@db.example.invalid:5432/app", raw
    if kind == "query":
        return f"jdbc:postgresql://db.example.invalid/app?user=app&password={pw}", pw
    if kind == "assignment":
        name = rng.choice(["password", "api_key", "token", "secret", "PASSWORD"])
        return f"{name}={pw}", pw
    token = {
        "ghp": lambda: "ghp_" + _token(rng, 36),
        "sk": lambda: "sk-" + _token(rng, 40, ALNUM + "_-"),
        "aws": lambda: "AKIA" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(16)),
        "slack": lambda: "xoxb-" + _token(rng, 24),
        "jwt": lambda: "eyJ" + _token(rng, 20) + ".eyJ" + _token(rng, 20) + "." + _token(rng, 24),
        "random": lambda: _token(rng, rng.randint(32, 48)),
    }[kind]()
    return token, token


KINDS = ["url", "query", "assignment", "ghp", "sk", "aws", "slack", "jwt", "random"]
FILE_NAME_KINDS = ["ghp", "sk", "aws", "slack", "random"]  # no "/" or ":" in them


def _placements(s: str) -> dict[str, dict[str, str]]:
    """Spec files (relative path -> text) holding ``s`` somewhere."""
    note = "  note: {type: text, nullable: true}\n"
    return {
        "default": {"models/a.yaml": BASE.replace(note, f'  note: {{type: text, nullable: true, default: "{s}"}}\n')},
        "description": {"models/a.yaml": BASE.replace(note, f'  note: {{type: text, nullable: true, description: "{s}"}}\n')},
        "key": {"models/a.yaml": BASE + f'  "{s}": {{type: text, nullable: true}}\n'},
        "comment-on-error-line": {"models/a.yaml": BASE.replace(note, f"  note: {{type: text, nulable: true}}  # {s}\n")},
        "error-line": {"models/a.yaml": BASE.replace(note, f'  note: {{type: txt, description: "{s}"}}\n')},
        "model-name": {"models/a.yaml": BASE.replace("name: Account", f'name: "{s}"')},
        "enum-value": {"models/a.yaml": BASE + f'---\nkind: enum\nname: Kind\nvalues: [a, "{s}"]\n'},
        "check": {"models/a.yaml": BASE + f"checks:\n  - name: c1\n    expression: \"note <> '{s}'\"\n"},
        "config-schema": {"models/a.yaml": BASE, "configs/c.yaml": (
            "kind: config\nname: c\nversion: 1\nschema:\n  type: object\n  properties:\n"
            f'    a: {{type: string, default: "{s}", examples: ["{s}"]}}\n')},
        "cache-key": {"models/a.yaml": BASE, "cache/p.yaml": (
            f'kind: cache_policy\nname: account\nmodel: Account\nkey: "account:{{id}}:{s}"\nttl: {{anonymous: 60s}}\n')},
    }


def _run(project: Path, *argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        entry(list(argv))
    return out.getvalue()


def _written(project: Path) -> str:
    """Every file specguard wrote: the result cache and generated/."""
    texts = []
    for folder in (project / ".specguard-cache", project / "generated"):
        if folder.is_dir():
            texts += [p.read_text("utf-8", errors="replace") for p in sorted(folder.rglob("*")) if p.is_file()]
    return "\n".join(texts)


def _outputs(project: Path) -> str:
    outs = [_run(project, "check", "--no-cache")]
    for fmt in ("text", "json", "github", "sarif"):
        outs.append(_run(project, "check", "--format", fmt))  # the first stores, the others replay the cache
        outs.append(_run(project, "check", "--format", fmt))
    outs.append(_run(project, "plan", "--format", "json"))
    outs.append(_run(project, "plan"))
    outs.append(_run(project, "compile", "--name", "x"))
    outs.append(_run(project, "check", "--base", "HEAD", "--format", "sarif"))  # not a repository: an SG004
    return "\n".join(outs)


def _fill(root: Path, files: dict[str, str], file_secret: str | None) -> None:
    for rel, text in files.items():
        if file_secret is not None and rel == "models/a.yaml":
            rel = f"models/{file_secret}.yaml"
        (root / "specs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "specs" / rel).write_text(text, "utf-8")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), where=st.sampled_from(sorted(_placements("x"))), seed=st.integers(0, 2**32),
       in_file_name=st.booleans())
def test_no_output_and_no_written_file_holds_the_secret(tmp_path_factory, monkeypatch, kind, where, seed, in_file_name):
    rng = random.Random(seed)
    text, raw = _secret(kind, rng)
    assert credentials(text), text  # the fuzz is about credentials specguard recognises
    project = tmp_path_factory.mktemp("p")
    monkeypatch.chdir(project)
    monkeypatch.delenv("SPECGUARD_CACHE_DIR", raising=False)
    monkeypatch.delenv("SPECGUARD_NO_CACHE", raising=False)
    file_secret = _secret(rng.choice(FILE_NAME_KINDS), rng)[0] if in_file_name else None
    _fill(project, _placements(text)[where], file_secret)
    shown = _outputs(project) + _written(project)
    assert raw not in shown
    if file_secret is not None:
        assert file_secret not in shown


@pytest.mark.parametrize("where", sorted(_placements("x")))
def test_every_placement_is_reported_with_the_secret_masked(tmp_path, monkeypatch, where):
    """A fixed token in each placement: the run reports something (so the fuzz is not vacuous)."""
    token = "ghp_" + "aB3" * 12
    monkeypatch.chdir(tmp_path)
    _fill(tmp_path, _placements(token)[where], None)
    out = _run(tmp_path, "check", "--no-cache")
    assert token not in out and "error" in out
    assert "ghp_…(40 chars)" in out or "ghp_************************************" in out, out
