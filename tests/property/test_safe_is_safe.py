"""Safe is safe: whenever the rules let an edit through, its migrations keep every row and value.

A random spec set (with cache policies, configs, critical models and deprecated columns) is built on
a real PostgreSQL and filled with random rows; one random edit, safe or risky (``gatecases``), is
judged by the rules. When no finding is an error, the generated migrations are applied as Prisma
applies them, and then:

* every table that survives (under its new name after a rename) holds the same rows, and every
  column that survives the same values (compared in a form that a widening keeps: ``1.50`` and
  ``1.500`` are one number); a column made required gives its default to the old NULLs only;
* the database holds exactly the new catalog;
* an INSERT written for the old schema (every column with NULL where nullable, and one with only the
  required columns that have no default) that worked before still works, unless a rule said it
  would not (a rename, a dropped default, NULL refused, a new unique key);
* a migration may fail only where a rule said the data decides (a unique key or a new primary key
  over duplicates), and then, too, no row and no value is lost.

And every rule, old and new, fires on a case drawn from the edits ``gatecases.RULE_EDITS`` names.
"""

from __future__ import annotations

import os
from collections import Counter

import psycopg
import pytest
from hypothesis import HealthCheck, Phase, event, find, given, note, settings

from specguard.compiler.diff.context import DiffContext
from specguard.compiler.emit.sql import plan_migrations
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import Catalog, quote_ident
from specguard.compiler.pipeline import judge
from specguard.compiler.rules import RULES
from specguard.diagnostics import has_errors

from . import gatecases
from . import specgen as g
from .test_random_specs_verify import max_examples
from .test_safe_edit_sequences import _parents_first, drift, load

pytestmark = pytest.mark.pg

# the examples of the main property: more than the ci profile's 25, since this test is the gate's proof
# (about half a second each); the deep profile keeps its own count
EXAMPLES = 80
# the rules that say the data may make the migration fail, or an old client's INSERT
DATA_DEPENDENT = {"SG310", "SG311", "SG315"}
OLD_INSERT_MAY_FAIL = {"SG305", "SG309", "SG316"} | DATA_DEPENDENT


@pytest.fixture(scope="module")
def db(pg_admin_url):
    from specguard.db.server import scratch_database

    with scratch_database(pg_admin_url, prefix="sgsafe") as url:
        yield url


@settings(max_examples=max_examples(10**6) if os.environ.get("HYPOTHESIS_PROFILE") == "deep" else EXAMPLES,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(gatecases.gate_cases(gatecases.PASSABLE_EDITS), g.st.integers(1, 4), g.st.integers(0, 2))
def test_an_edit_the_rules_let_through_loses_no_data(db, case, n_rows, repeat):
    before, after, what = case
    note(what)
    old, new = load(before), load(after)
    judged = judge(old, new)
    codes = {d.code for d in judged.findings}
    note(f"findings: {sorted(codes)}")
    if has_errors(judged.findings):
        event("refused by an error")
        return  # refused unless accepted: nothing is applied
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        assert _apply(conn, plan_migrations(Catalog(), old, "old")) is None
        for k in range(1, n_rows + 1):
            for t in _parents_first(old):
                g.insert_row(conn, old, t, k, repeat)  # repeat: rows that share values outside their key
        kept = _survivors(old, new, judged.ops)
        data = {t: _snapshot(conn, t, cols) for t, cols in kept.items()}
        inserts = _old_inserts(conn, old)
        worked = [_works(conn, stmt) for stmt in inserts]
        failed = _apply(conn, plan_migrations(old, new, "edit"))
        event("a migration failed" if failed else "applied")
        if failed:
            assert codes & DATA_DEPENDENT, f"a migration failed although no rule said the data decides: {failed}"
        for t, cols in kept.items():
            _assert_kept(data[t], _snapshot(conn, t, cols, after=not failed), _filled(judged.ops, t, cols))
        if failed:
            return
        assert drift(conn, new) == []
        if not codes & OLD_INSERT_MAY_FAIL:
            broken = [stmt[0] for stmt, ok in zip(inserts, worked) if ok and not _works(conn, stmt)]
            assert broken == [], "an old client's INSERT fails, and no rule said so"


def _apply(conn, scripts) -> str | None:
    """Apply each script as one query string, as Prisma sends a file; the failure, if one fails."""
    for s in scripts:
        try:
            conn.execute(s.sql.encode())
        except psycopg.Error as exc:
            return f"{s.suffix}: {exc}"
    return None


def _survivors(old: Catalog, new: Catalog, ops) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(old table name, new table name) -> [(old column, new column)] of what both catalogs hold."""
    ctx = DiffContext.build(old, new)
    out = {}
    for ot in old.tables:
        nt = new.table(ctx.table_renames.get(ot.name, ot.name))
        if nt is None or ctx.old_table(nt.name) is not ot:
            continue
        renames = ctx.column_renames.get(nt.name, {})
        out[(ot.name, nt.name)] = [(c.name, renames.get(c.name, c.name)) for c in ot.columns
                                   if nt.column(renames.get(c.name, c.name)) is not None]
    return out


def _filled(ops, table, cols) -> set[int]:
    """Positions of the columns whose NULLs the migration fills with the default (a column made required)."""
    filled = {op.column.name for op in ops if isinstance(op, o.SetNotNull) and op.table == table[1]}
    return {i for i, (_, new) in enumerate(cols) if new in filled}


def _snapshot(conn, table, cols, after: bool = True) -> Counter:
    """The rows over the surviving columns, each value in a form that survives a widening. After a
    failed migration, a table or column may still have its old name: whichever exists is read."""
    name = table[1] if after and _exists(conn, table[1]) else table[0]
    exprs = []
    for old_col, new_col in cols:
        col = new_col if after and _exists(conn, name, new_col) else old_col
        exprs.append(_canonical(conn, name, col))
    if not exprs:
        return Counter({(): conn.execute(f"SELECT count(*) FROM {quote_ident(name)}").fetchone()[0]})
    return Counter(conn.execute(f"SELECT {', '.join(exprs)} FROM {quote_ident(name)}").fetchall())


def _exists(conn, table: str, column: str | None = None) -> bool:
    if column is None:
        return conn.execute("SELECT to_regclass(%s) IS NOT NULL", [quote_ident(table)]).fetchone()[0]
    return conn.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
                        [table, column]).fetchone()[0] > 0


def _canonical(conn, table: str, column: str) -> str:
    kind = conn.execute("SELECT data_type FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
                        [table, column]).fetchone()[0]
    c = quote_ident(column)
    if kind in ("smallint", "integer", "bigint", "numeric"):
        return f"trim_scale({c}::numeric)::text"
    if kind in ("real", "double precision"):
        return f"{c}::float8::text"
    return f"{c}::text"


def _assert_kept(before: Counter, after: Counter, filled: set[int]) -> None:
    assert sum(after.values()) == sum(before.values()), "rows were lost or added"
    if not filled:
        assert after == before, "values of a surviving column changed"
        return

    def stable(rows: Counter) -> Counter:
        return Counter({tuple(v for i, v in enumerate(r) if i not in filled): n for r, n in rows.items()})

    assert stable(after) == stable(before), "values of a surviving column changed"
    for i in filled:  # its values stay; only its NULLs get the default
        kept = Counter({r[i]: n for r, n in before.items() if r[i] is not None})
        assert not kept - Counter({r[i]: n for r, n in after.items()}), "values of a column made required changed"


def _old_inserts(conn, catalog) -> list[tuple[str, list]]:
    out = []
    for t in _parents_first(catalog):
        for flavour in ({"nulls": True}, {"minimal": True}):
            stmt = g.insert_statement(conn, catalog, t, 1000 + len(out), **flavour)
            if stmt is not None:
                out.append(stmt)
    return out


def _works(conn, stmt) -> bool:
    try:
        with conn.transaction(force_rollback=True):
            conn.execute(*stmt)
        return True
    except psycopg.Error:
        return False


# --- every rule fires on a generated case -------------------------------------------------------------


def _codes(case) -> set[str]:
    """The codes the rules find in a case; none when its derived names clash (SG206, a valid refusal)."""
    from specguard.compiler.pipeline import load_texts

    before, after, _ = case
    loaded = [load_texts(g.render(side)) for side in (before, after)]
    if any(d.code == "SG206" for r in loaded for d in r.diagnostics):
        return set()
    assert not any(has_errors(r.diagnostics) for r in loaded), [d.message for r in loaded for d in r.diagnostics]
    return {d.code for d in judge(loaded[0].catalog, loaded[1].catalog).findings}


@pytest.mark.parametrize("code", sorted(m.RULE.code for m in RULES))
def test_every_rule_fires_on_a_generated_case(code):
    assert code in gatecases.RULE_EDITS, f"{code}: name the edits that make it fire in gatecases.RULE_EDITS"
    found = find(gatecases.gate_cases(gatecases.RULE_EDITS[code]), lambda case: code in _codes(case),
                 settings=settings(max_examples=500, database=None, derandomize=True, phases=[Phase.generate],
                                   suppress_health_check=list(HealthCheck)))  # the first one found will do
    assert code in _codes(found)
