"""Key and index swaps on a real PostgreSQL, with a failure injected between their steps: whatever
fails, the table keeps a valid key (or index) that PostgreSQL still enforces, and once the cause is
fixed, running the remaining migrations finishes the swap."""

from __future__ import annotations

import sys
from pathlib import Path

import psycopg
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cases"))
import yamlcases  # noqa: E402

from specguard.compiler.ir.catalog import Catalog  # noqa: E402

pytestmark = pytest.mark.pg

THING = "kind: model\nname: Thing\ncolumns:\n  id: {type: text, primary_key: true}\n  code: {type: text}\n"
PART = ("kind: model\nname: Part\ncolumns:\n  id: {type: text, primary_key: true}\n  thingId: {type: text}\n"
        "foreign_keys:\n  - columns: [thingId]\n    references: {model: Thing, columns: [id]}\n")
# the key moves from id to code; id stays unique, so Part's foreign key keeps a key to lean on
NEW_THING = "kind: model\nname: Thing\ncolumns:\n  id: {type: text, unique: true}\n  code: {type: text, primary_key: true}\n"


def scripts(old: dict[str, str], new: dict[str, str]):
    before, after = yamlcases.load_side(old).catalog, yamlcases.load_side(new).catalog
    return yamlcases.compile_change(Catalog(), before, "old").scripts, yamlcases.compile_change(before, after, "swap").scripts


def run(conn, script) -> None:
    conn.execute(script.sql.encode())  # one query string, as Prisma sends a migration file


def key_of(conn, table: str) -> tuple[str, list[str], bool]:
    """(name, columns, valid) of the table's primary key index."""
    name, valid, cols = conn.execute(
        "SELECT i.indexrelid::regclass::text, i.indisvalid, array_agg(a.attname ORDER BY k.n) "
        "FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) "
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
        "WHERE i.indrelid = %s::regclass AND i.indisprimary GROUP BY 1, 2", [f'"{table}"']).fetchone()
    return name.strip('"'), cols, valid


def assert_old_key_enforced(conn) -> None:
    assert key_of(conn, "Thing") == ("Thing_pkey", ["id"], True)
    with pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute("""INSERT INTO "Thing" VALUES ('t1', 'other')""")
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        conn.execute("""INSERT INTO "Part" VALUES ('p9', 'nope')""")


@pytest.fixture
def conn(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as c:
        yield c


def test_a_failed_key_build_keeps_the_old_key_and_a_rerun_finishes_the_swap(conn):
    create, swap = scripts({"t.yaml": THING, "p.yaml": PART}, {"t.yaml": NEW_THING, "p.yaml": PART})
    names = [s.suffix for s in swap]
    assert names == ["swap_key_Thing_id", "swap_rebuild_pkey_Thing", "swap_validate", "swap_validate_fks"]
    for s in create:
        run(conn, s)
    conn.execute("""INSERT INTO "Thing" VALUES ('t1', 'same'), ('t2', 'same'); INSERT INTO "Part" VALUES ('p1', 't1')""")
    run(conn, swap[0])
    with pytest.raises(psycopg.errors.UniqueViolation):  # two rows share the new key: the build fails
        run(conn, swap[1])
    assert_old_key_enforced(conn)
    # a runner that carries on (or a retry that skips the INVALID index with IF NOT EXISTS) is refused
    run(conn, swap[1])
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState, match="is not valid"):
        run(conn, swap[2])
    assert_old_key_enforced(conn)
    # fix the data, drop the failed build, run the remaining migrations again
    conn.execute("""UPDATE "Thing" SET code = 'unique' WHERE id = 't2'; DROP INDEX "Thing_pkey__new" """)
    for s in swap[1:]:
        run(conn, s)
    assert key_of(conn, "Thing") == ("Thing_pkey", ["code"], True)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):  # now leaning on Thing_id_key
        conn.execute("""INSERT INTO "Part" VALUES ('p9', 'nope')""")
    assert conn.execute("SELECT count(*) FROM pg_index WHERE NOT indisvalid").fetchone() == (0,)


def test_a_swap_whose_rebuilt_index_is_missing_rolls_back_whole(conn):
    """The rebuilt index is gone when the swap runs (dropped by hand, or its build never ran): the
    transaction that drops the foreign key and the old key changes nothing."""
    create, swap = scripts({"t.yaml": THING, "p.yaml": PART}, {"t.yaml": NEW_THING, "p.yaml": PART})
    for s in create:
        run(conn, s)
    conn.execute("""INSERT INTO "Thing" VALUES ('t1', 'a'); INSERT INTO "Part" VALUES ('p1', 't1')""")
    validate = next(s for s in swap if s.suffix == "swap_validate")
    for s in swap:
        if s is validate:
            break
        run(conn, s)
    conn.execute('DROP INDEX "Thing_pkey__new"')
    with pytest.raises(psycopg.errors.UndefinedObject):
        run(conn, validate)
    assert_old_key_enforced(conn)


def test_an_index_made_unique_keeps_the_old_index_when_the_build_fails(conn):
    old = {"t.yaml": THING + "indexes:\n  - columns: [code]\n"}
    new = {"t.yaml": THING + "indexes:\n  - columns: [code]\n    unique: true\n"}
    create, swap = scripts(old, new)
    for s in create:
        run(conn, s)
    conn.execute("""INSERT INTO "Thing" VALUES ('t1', 'same'), ('t2', 'same')""")
    build, validate = swap
    with pytest.raises(psycopg.errors.UniqueViolation):
        run(conn, build)
    run(conn, build)  # a retry skips the INVALID index (IF NOT EXISTS) ...
    with pytest.raises(psycopg.errors.RaiseException, match="Thing_code_idx__new is missing or INVALID"):
        run(conn, validate)  # ... and the swap refuses it
    valid = conn.execute("""SELECT indisvalid, indisunique FROM pg_index WHERE indexrelid = '"Thing_code_idx"'::regclass""")
    assert valid.fetchone() == (True, False)
    conn.execute("""DELETE FROM "Thing" WHERE id = 't2'; DROP INDEX "Thing_code_idx__new" """)
    run(conn, build)
    run(conn, validate)
    valid = conn.execute("""SELECT indisvalid, indisunique FROM pg_index WHERE indexrelid = '"Thing_code_idx"'::regclass""")
    assert valid.fetchone() == (True, True)
