"""migrations.sum: chained hashes, and SG803 at file:line for every way the file can be wrong."""

from __future__ import annotations

import pytest

from specguard.compiler.store.checksums import build_sum, parse_sum, read_sum, sha256_hex

ITEMS = [(f"2025010203040{i}_m{i}", sha256_hex(f"sql {i}".encode())) for i in range(4)]


def test_render_parse_round_trip():
    s = build_sum(ITEMS)
    text = s.render()
    lines = text.splitlines()
    assert lines[0].startswith("specguard-sum 1 total=")
    assert lines[1].startswith("20250102030400_m0 sql=") and len(lines) == 5
    parsed, diags = parse_sum(text)
    assert diags == [] and parsed == s
    assert build_sum([]).render() == f"specguard-sum 1 total={sha256_hex(b'')}\n"


def test_chain_depends_on_everything_before():
    a = build_sum(ITEMS)
    b = build_sum([ITEMS[0], (ITEMS[1][0], sha256_hex(b"edited")), *ITEMS[2:]])
    assert a.entries[0] == b.entries[0]
    assert all(x.chain != y.chain for x, y in zip(a.entries[1:], b.entries[1:]))
    c = build_sum([ITEMS[0], *ITEMS[2:]])  # a removal changes every later chain
    assert c.entries[1].chain != a.entries[2].chain


def _edit(text, lineno, fn):
    lines = text.splitlines()
    lines[lineno - 1] = fn(lines[lineno - 1])
    return "\n".join(lines) + "\n"


def _flip_hash(line, key):
    i = line.index(key + "=") + len(key) + 1
    return line[:i] + ("0" if line[i] != "0" else "1") + line[i + 1:]


GOOD = build_sum(ITEMS).render()


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("", 1, "empty"),
        ("hello\n", 1, "no valid header"),
        (GOOD.replace("specguard-sum 1", "specguard-sum 7"), 1, "format version 7"),
        (_edit(GOOD, 3, lambda s: s + " extra"), 3, "malformed line"),
        (_edit(GOOD, 4, lambda s: s.replace("sql=", "sha=")), 4, "malformed line"),
        (_edit(GOOD, 3, lambda s: _flip_hash(s, "sql")), 3, "chain hash"),  # a migration's hash edited
        (_edit(GOOD, 5, lambda s: _flip_hash(s, "chain")), 5, "chain hash"),
        (_edit(GOOD, 1, lambda s: _flip_hash(s, "total")), 1, "total hash"),
        ("\n".join(GOOD.splitlines()[i] for i in (0, 1, 3, 2, 4)) + "\n", 3, "chain hash"),  # reorder
        ("\n".join(GOOD.splitlines()[i] for i in (0, 1, 3, 4)) + "\n", 3, "chain hash"),  # removal
        ("\n".join(GOOD.splitlines()[i] for i in (0, 1, 2, 2)) + "\n", 4, "listed twice"),
        # a reorder whose chains were recomputed by hand still breaks the apply order
        (build_sum([ITEMS[0], ITEMS[2], ITEMS[1]]).render(), 4, "apply (name) order"),
    ],
)
def test_parse_errors_are_sg803_with_line(text, line, words):
    parsed, diags = parse_sum(text, "generated/migrations.sum")
    assert parsed is None
    d = diags[0]
    assert (d.code, d.span.file, d.span.line) == ("SG803", "generated/migrations.sum", line)
    assert words in d.message
    assert d.span.column >= 1


def test_read_sum_missing_file(tmp_path):
    assert read_sum(tmp_path / "migrations.sum") == (None, [])


def test_read_sum_not_utf8(tmp_path):
    p = tmp_path / "migrations.sum"
    p.write_bytes(b"\xff\xfe")
    parsed, (d,) = read_sum(p)
    assert parsed is None and d.code == "SG803"
