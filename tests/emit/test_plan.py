from __future__ import annotations

from specguard.compiler.emit.sql import plan_migrations
from specguard.compiler.emit.sql.planner import LOCK_TIMEOUT, SUFFIX_LIMIT
from specguard.compiler.ir.catalog import (
    Catalog,
    Column,
    ColumnType,
    ForeignKey,
    Index,
    PrimaryKey,
    Table,
    Unique,
    fit_identifier,
)  # fmt: skip

U = ColumnType("uuid")


def t(name, cols, **kw):
    return Table(name, tuple(Column(c, U) for c in cols), primary_key=PrimaryKey(f"{name}_pkey", (cols[0],)), **kw)


def statements(sql: str) -> list[str]:
    body = [line for line in sql.splitlines() if line and not line.startswith("--")]
    return [s for s in " ".join(body).split(";") if s.strip()]


def test_no_change_no_script():
    c = Catalog(tables=(t("A", ["id"]),))
    assert plan_migrations(c, c, "x") == []


def test_script_shapes():
    old = Catalog(tables=(t("A", ["id", "b"]),))
    new = Catalog(tables=(t("A", ["id", "b"], indexes=(Index("A_b_idx", ("b",)),), uniques=(Unique("A_b_key", ("b",)),)),))
    scripts = plan_migrations(old, new, "add b index")
    assert [s.suffix for s in scripts] == ["add_b_index_key_A_b", "add_b_index_idx_A_b", "add_b_index_validate"]
    for s in scripts:
        assert s.sql.startswith("-- specguard: ") and s.sql.endswith(";\n")
        if s.transactional:
            assert f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}';" in s.sql
        else:
            assert len(statements(s.sql)) == 1 and "CONCURRENTLY" in s.sql and "SET " not in s.sql


def test_long_suffix_is_shortened_deterministically():
    name = "I" + "x" * 120
    old = Catalog(tables=(t("A", ["id"]),))
    new = Catalog(tables=(t("A", ["id"], indexes=(Index(fit_identifier(name), ("id",)),)),))
    (s,) = plan_migrations(old, new, "n" * 80)
    assert len(s.suffix) <= SUFFIX_LIMIT and s.suffix == plan_migrations(old, new, "n" * 80)[0].suffix


def test_fk_to_a_key_built_concurrently_waits_for_the_attach():
    old = Catalog(tables=(t("A", ["id", "code"]), t("B", ["id", "aCode"])))
    a = t("A", ["id", "code"], uniques=(Unique("A_code_key", ("code",)),))
    b = t("B", ["id", "aCode"], foreign_keys=(ForeignKey("B_aCode_fkey", ("aCode",), "A", ("code",)),))
    scripts = plan_migrations(old, Catalog(tables=(a, b)), "fk")
    assert [s.suffix for s in scripts] == ["fk_key_A_code", "fk_validate", "fk_validate_fks"]
    validate = scripts[1].sql
    assert validate.index("UNIQUE USING INDEX") < validate.index('ADD CONSTRAINT "B_aCode_fkey"')
    assert 'VALIDATE CONSTRAINT "B_aCode_fkey"' in scripts[2].sql  # the scan runs after the lock is gone


def test_dropping_tables_that_reference_each_other():
    old = Catalog(tables=(t("A", ["id"]), t("B", ["id", "aId"], foreign_keys=(ForeignKey("B_aId_fkey", ("aId",), "A", ("id",)),))))
    (s,) = plan_migrations(old, Catalog(), "drop")
    assert s.sql.index('DROP CONSTRAINT IF EXISTS "B_aId_fkey"') < s.sql.index('DROP TABLE IF EXISTS "A"')


def test_planning_compares_each_table_a_bounded_number_of_times(monkeypatch):
    # complexity, not time: a membership test on a list of every op made planning quadratic
    def tables_compared(n: int) -> int:
        count = [0]
        eq = Table.__eq__

        def counting(self, other):
            count[0] += 1
            return eq(self, other)

        monkeypatch.setattr(Table, "__eq__", counting)
        new = Catalog(tables=tuple(t(f"T{i:04}", ["id", "x"], indexes=(Index(f"T{i:04}_x_idx", ("x",)),)) for i in range(n)))
        plan_migrations(Catalog(), new, "init")
        monkeypatch.setattr(Table, "__eq__", eq)
        return count[0]

    small, big = tables_compared(50), tables_compared(400)
    assert big <= 8 * small + 50
