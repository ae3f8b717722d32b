"""SQL fragments from specs, parsed once with PostgreSQL's own parser (pglast).

A fragment (a ``{sql: ...}`` default, an index ``where``, a check ``expression``) must be exactly one
scalar expression. It is parsed as the single target of ``SELECT <fragment>``; anything that makes
that more than one plain target (a ``;``, a second statement, a FROM clause, a subquery) is refused.
What the compiler keeps and emits is the canonical text pglast prints from the parse tree, so a
formatting change in a spec never produces a migration.

pglast is imported lazily: the ``check`` path pays for it only when a spec holds a fragment.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from specguard.diagnostics.redact import find_credential

# Functions whose result changes per row (pg_proc.provolatile = 'v'). A default calling one of
# these on ADD COLUMN rewrites the table. Functions outside both lists are treated as volatile: a
# false "rewrites" warning is cheaper than a surprise rewrite.
VOLATILE_FUNCTIONS = frozenset(
    {
        "gen_random_uuid",
        "uuid_generate_v1",
        "uuid_generate_v1mc",
        "uuid_generate_v4",
        "random",
        "random_normal",
        "clock_timestamp",
        "timeofday",
        "nextval",
        "txid_current",
        "statement_timestamp",
        "setseed",
    }
)
NON_VOLATILE_FUNCTIONS = frozenset(
    {
        "now",
        "transaction_timestamp",
        "current_setting",
        "lower",
        "upper",
        "length",
        "char_length",
        "coalesce",
        "jsonb_build_object",
        "jsonb_build_array",
        "json_build_object",
        "to_jsonb",
        "abs",
        "greatest",
        "least",
        "btrim",
        "trim",
        "jsonb_typeof",
        "array_length",
        "cardinality",
        "date_trunc",
        "make_interval",
        "pg_catalog.now",
    }
)

_FORBIDDEN_SELECT_PARTS = (
    "distinctClause",
    "intoClause",
    "fromClause",
    "whereClause",
    "groupClause",
    "havingClause",
    "windowClause",
    "valuesLists",
    "sortClause",
    "limitOffset",
    "limitCount",
    "lockingClause",
    "withClause",
)


class FragmentError(ValueError):
    """A fragment that is not exactly one expression. ``offset`` is 0-based within the fragment."""

    def __init__(self, message: str, offset: int = 0, hint: str | None = None):
        super().__init__(message)
        self.offset = offset
        self.hint = hint


@dataclass(frozen=True)
class Fragment:
    canonical: str
    columns: frozenset[str]  # column names the expression refers to
    functions: frozenset[str]  # lower-cased function names it calls
    has_subquery: bool

    @property
    def volatile(self) -> bool:
        return any(f in VOLATILE_FUNCTIONS or f not in NON_VOLATILE_FUNCTIONS for f in self.functions)


_PREFIX = "SELECT "


def parse_expression(text: str) -> Fragment:
    """Parse one SQL expression; raise FragmentError when it is anything else.

    Results are memoised: specs repeat the same few fragments (``now()``, ``gen_random_uuid()``,
    ``0``) across hundreds of columns, and a pglast round trip costs a third of a millisecond.
    """
    if not isinstance(text, str):
        raise FragmentError("the SQL fragment is empty", 0, "write one expression, e.g. now()")
    return _parse_cached(text)


@functools.lru_cache(maxsize=8192)
def _parse_cached(text: str) -> Fragment:
    from specguard.compiler.load.filecache import active

    cache = active()
    stored = cache.fragment(text) if cache is not None else None
    if isinstance(stored, list) and len(stored) == 4:
        return Fragment(stored[0], frozenset(stored[1]), frozenset(stored[2]), stored[3])
    fragment = _parse(text)  # a fragment that does not parse raises, and is never stored
    if cache is not None and find_credential(text) is None:
        cache.remember_fragment(text, [fragment.canonical, sorted(fragment.columns), sorted(fragment.functions),
                                       fragment.has_subquery])
    return fragment


def _parse(text: str) -> Fragment:
    if not text.strip():
        raise FragmentError("the SQL fragment is empty", 0, "write one expression, e.g. now()")
    from pglast import parse_sql
    from pglast.parser import ParseError, scan

    try:
        tokens = scan(text)
    except Exception as exc:  # pglast raises ParseError on unterminated strings etc.
        raise FragmentError(f"cannot read the SQL fragment: {exc}", 0) from None
    for tok in tokens:
        if tok.name == "ASCII_59":  # ';'
            raise FragmentError(
                "a SQL fragment must be a single expression, but it contains `;`",
                tok.start,
                "remove the `;` and anything after it",
            )
    try:
        stmts = parse_sql(_PREFIX + text)
    except ParseError as exc:
        loc = max(0, (getattr(exc, "location", None) or len(_PREFIX)) - len(_PREFIX))
        msg = str(exc.args[0]) if exc.args else str(exc)
        raise FragmentError(f"not a valid SQL expression: {msg}", min(loc, len(text))) from None
    except Exception as exc:  # pragma: no cover - defensive: pglast internal errors
        raise FragmentError(f"not a valid SQL expression: {exc}", 0) from None
    if len(stmts) != 1:
        raise FragmentError("a SQL fragment must be a single expression, not several statements", 0)
    stmt = stmts[0].stmt
    if type(stmt).__name__ != "SelectStmt" or getattr(stmt, "op", None) is None:
        raise FragmentError("a SQL fragment must be a single expression", 0)
    if getattr(stmt.op, "name", "SETOP_NONE") != "SETOP_NONE":
        raise FragmentError("a SQL fragment must be a single expression, not UNION/INTERSECT/EXCEPT", 0)
    for part in _FORBIDDEN_SELECT_PARTS:
        if getattr(stmt, part, None):
            raise FragmentError(
                "a SQL fragment must be a single expression, not a query",
                0,
                "write only the expression, without FROM/WHERE/ORDER BY",
            )
    targets = stmt.targetList or ()
    if len(targets) != 1:
        raise FragmentError(
            "a SQL fragment must be a single expression, but it holds a list",
            0,
            "remove the commas, or wrap a list in ARRAY[...]",
        )
    target = targets[0]
    if getattr(target, "name", None):
        raise FragmentError("a SQL fragment must be an expression, without `AS alias`", 0)
    columns, functions, subquery = _walk(target.val)
    if subquery:
        raise FragmentError(
            "a SQL fragment may not contain a subquery",
            0,
            "PostgreSQL does not allow subqueries in defaults, checks or index predicates",
        )
    return Fragment(render(target.val), frozenset(columns), frozenset(functions), subquery)


def render(node) -> str:
    from pglast.stream import RawStream

    return RawStream()(node).strip()


def _walk(node):
    from pglast import ast

    columns: set[str] = set()
    functions: set[str] = set()
    subquery = False
    stack = [node]
    while stack:
        n = stack.pop()
        if n is None:
            continue
        if isinstance(n, (list, tuple)):
            stack.extend(n)
            continue
        if not isinstance(n, ast.Node):
            continue
        name = type(n).__name__
        if name == "ColumnRef":
            fields = [getattr(f, "sval", None) for f in (n.fields or ())]
            fields = [f for f in fields if f]
            if fields:
                columns.add(fields[-1])
        elif name == "FuncCall":
            parts = [getattr(f, "sval", "") for f in (n.funcname or ())]
            fname = ".".join(p for p in parts if p).lower()
            functions.add(fname.removeprefix("pg_catalog."))
        elif name in ("SubLink", "SelectStmt"):
            subquery = True
        for attr in n.__slots__ if hasattr(n, "__slots__") else ():
            v = getattr(n, attr, None)
            if isinstance(v, (ast.Node, list, tuple)):
                stack.append(v)
    return columns, functions, subquery


def canonical(text: str) -> str:
    """The canonical text of one expression (raises FragmentError)."""
    return parse_expression(text).canonical


def quote_literal(value: str) -> str:
    """A SQL string literal. Backslashes are plain characters with standard_conforming_strings on."""
    return "'" + value.replace("'", "''") + "'"
