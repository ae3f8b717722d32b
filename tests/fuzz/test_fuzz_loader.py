"""Bad input never crashes: random bytes, random YAML and mutations of the example specs go through
the loader and through ``specguard check``; each run ends in diagnostics (or none), never an exception.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specguard.compiler.pipeline import load_texts
from specguard.diagnostics import Diagnostic

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {str(p.relative_to(ROOT)): p.read_text("utf-8") for p in sorted((ROOT / "specs").rglob("*.yaml"))}


def _assert_well_formed(diags: list[Diagnostic]) -> None:
    for d in diags:
        assert d.code.startswith("SG") and d.message
        if d.span is not None:
            assert d.span.line >= 0 and d.span.column >= 0


@given(st.binary(max_size=2000))
def test_random_bytes(data):
    _assert_well_formed(load_texts({"fuzz.yaml": data}).diagnostics)


yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.sampled_from(["model", "enum", "config", "cache_policy", "{sql: now()}", "text[]", "*a", "&a"]),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.sampled_from(["kind", "name", "columns", "type", "default", "values", "schema", "version",
                                         "model", "key", "ttl", "indexes", "foreign_keys", "x", "id"]) | st.text(max_size=8),
                        children, max_size=6),
    ),
    max_leaves=30,
)


@given(yaml_values)
def test_random_yaml_documents(value):
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True)
    _assert_well_formed(load_texts({"fuzz.yaml": text}).diagnostics)


@st.composite
def mutated_example(draw):
    files = dict(EXAMPLES)
    name = draw(st.sampled_from(sorted(files)))
    text = files[name]
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "replace", "dup_line", "swap_lines"]))
        pos = draw(st.integers(0, max(0, len(text) - 1)))
        if op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 20)):]
        elif op == "insert":
            text = text[:pos] + draw(st.sampled_from(["\t", ":", "[", "]", "{", "}", "-", "'", '"', "&a ", "*a", "!!str ", "\n", " ", "\x00", "é", "---\n", ";"])) + text[pos:]
        elif op == "replace":
            text = text[:pos] + draw(st.text(max_size=5)) + text[pos + 1:]
        else:
            lines = text.splitlines(keepends=True)
            if len(lines) > 2:
                i = draw(st.integers(0, len(lines) - 2))
                if op == "dup_line":
                    lines.insert(i, lines[i])
                else:
                    lines[i], lines[i + 1] = lines[i + 1], lines[i]
                text = "".join(lines)
    files[name] = text
    return files


@given(mutated_example())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_mutated_examples(files):
    _assert_well_formed(load_texts(files).diagnostics)


@given(mutated_example())
@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_check_command_exits_cleanly(tmp_path_factory, files):
    """Through the real CLI entry point: exit 0, 1 or 2, never an exception."""
    from specguard.cli.app import main

    root = tmp_path_factory.mktemp("fuzz")
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, "utf-8", errors="surrogatepass") if isinstance(text, str) else p.write_bytes(text)
    import contextlib
    import io
    import os

    cwd = os.getcwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
            rc = main(["check", "--format", "json"])
    finally:
        os.chdir(cwd)
    assert rc in (0, 1, 2)
    assert "internal error" not in err.getvalue() and "Traceback" not in err.getvalue()


@pytest.mark.parametrize(
    "text",
    [
        "", "\n\n", "---", "--- !!binary AAAA", "- a\n- b", "'unterminated", "[" * 5000, "{a: " * 500,
        "a: &a [*a]", "kind: model\nname: X\ncolumns: {}", "kind: model\nname: X\ncolumns:\n  a: {type: 'text' }\n" * 3,
        "kind: config\nname: c\nversion: 1e400\nschema: {}", "kind: config\nname: c\nversion: 99999999999999999999999999999999",
        "kind: enum\nname: E\nvalues: " + "[x]" * 2, "\ufeff\ufeff", "kind: model\r\nname: X\r\n", "? [a]\n: b",
    ],
)
def test_nasty_inputs(text):
    _assert_well_formed(load_texts({"nasty.yaml": text}).diagnostics)
