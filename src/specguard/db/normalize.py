"""Comparing SQL expressions read back from PostgreSQL with the specs' canonical ones.

PostgreSQL stores defaults, checks and index predicates as analysed trees and prints them back with
``pg_get_expr``: literals gain the cast the parser resolved (``'{}'::jsonb``, ``'user'::"MessageRole"``,
``'-1'::integer``), varchar columns gain ``::text``, ``IN (...)`` becomes ``= ANY (ARRAY[...])``,
``BETWEEN`` becomes two comparisons, ``LIKE`` becomes ``~~`` and every operator is parenthesised.
None of that is drift. Both sides are therefore parsed with pglast and rewritten to one normal form
before they are compared; text is compared only when an expression does not parse (a generated
column, an identity), where equal text is the only safe verdict.

The rewrites only ever remove what the server adds on its own; where they are not enough (a timestamp
literal the server re-prints as ``'2020-01-01 00:00:00'``), ``specguard.db.probe.ServerRenderer``
asks the server to analyse the spec's expression against the real table, in a transaction that
is rolled back.
"""

from __future__ import annotations

import json
from functools import lru_cache

from specguard.compiler.resolve.sqlfrag import parse_expression, render

# type names (pglast's last name component) whose string literals are numbers
_NUMERIC_TYPES = frozenset(
    {"int2", "int4", "int8", "numeric", "float4", "float8", "smallint", "integer", "bigint", "real"}
)
_BOOL_TYPES = frozenset({"bool", "boolean"})
_JSON_TYPES = frozenset({"json", "jsonb"})
# casts the parser inserts around a column for an implicit coercion (varchar -> text for `=`,
# int -> numeric for a comparison with 1.5, int -> bigint); never written by hand in a spec
_IMPLICIT_COLUMN_CASTS = frozenset({"text", "varchar", "numeric", "int8", "float8"})
# documented equivalents of now()
_NOW_ALIASES = frozenset({"now", "transaction_timestamp"})


def normal_form(sql: str | None) -> str | None:
    """The normal form of one expression; the stripped text when pglast cannot parse it."""
    if sql is None:
        return None
    return _normal_form(sql.strip())


@lru_cache(maxsize=4096)
def _normal_form(sql: str) -> str:
    from pglast import parse_sql

    try:
        parse_expression(sql)  # refuses anything that is not one expression
        node = parse_sql("SELECT " + sql)[0].stmt.targetList[0].val
    except Exception:  # FragmentError, or pglast on a server-only form
        return " ".join(sql.split())
    return render(_rewrite(node))


def same_expression(expected: str | None, actual: str | None) -> bool:
    """True when two expressions are the same once PostgreSQL's own additions are removed."""
    if expected is None or actual is None:
        return expected is None and actual is None
    return normal_form(expected) == normal_form(actual)


def same_default(expected: str | None, actual: str | None, type_sql: str) -> bool:
    """Like same_expression, for a column default: a bare string literal in the spec takes the
    column's type, as PostgreSQL does (``'{a,b}'`` on a text[] column is ``ARRAY['a', 'b']``)."""
    if expected is not None and _is_string_literal(expected):
        expected = f"CAST({expected.strip()} AS {type_sql})"
    return same_expression(expected, actual)


@lru_cache(maxsize=1024)
def _is_string_literal(sql: str) -> bool:
    from pglast import ast, parse_sql

    try:
        parse_expression(sql)
        node = parse_sql("SELECT " + sql)[0].stmt.targetList[0].val
    except Exception:
        return False
    return _string_of(node) is not None and isinstance(node, ast.A_Const)


# --- the rewrite -------------------------------------------------------------------------------


def _rewrite(node):
    from pglast import ast

    if isinstance(node, tuple):
        return tuple(_rewrite(n) for n in node)
    if not isinstance(node, ast.Node):
        return node
    for attr in node.__slots__:
        value = getattr(node, attr, None)
        if isinstance(value, (ast.Node, tuple)):
            setattr(node, attr, _rewrite(value))
    rule = _RULES.get(type(node).__name__)
    return rule(node) if rule else node


def _type_name(tn) -> str:
    """``pg_catalog.varchar`` -> ``varchar``; arrays get ``[]``."""
    last = tn.names[-1].sval if tn.names else ""
    return last + ("[]" if tn.arrayBounds else "")


def _const(value):
    from pglast import ast

    if isinstance(value, bool):
        return ast.A_Const(isnull=False, val=ast.Boolean(boolval=value))
    if isinstance(value, int):
        return ast.A_Const(isnull=False, val=ast.Integer(ival=value))
    return ast.A_Const(isnull=False, val=ast.String(sval=value))


def _float(text: str):
    """A decimal constant in positional notation: the server prints 1e-05 as 0.00001, but keeps
    trailing zeros (0.50 is numeric(3,2), not 0.5)."""
    from decimal import Decimal, InvalidOperation

    from pglast import ast

    try:
        text = format(Decimal(text), "f") if "e" in text.lower() else text
    except InvalidOperation:
        pass
    return ast.A_Const(isnull=False, val=ast.Float(fval=text))


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _string_of(node) -> str | None:
    from pglast import ast

    if isinstance(node, ast.A_Const) and not node.isnull and isinstance(node.val, ast.String):
        return node.val.sval
    return None


def _type_cast(node):
    from pglast import ast

    tname = _type_name(node.typeName)
    base = tname.removesuffix("[]")
    text = _string_of(node.arg)
    if text is not None:
        # a literal with the cast the parser resolved: keep the value, in one spelling per type
        if base in _JSON_TYPES and not tname.endswith("[]"):
            try:
                return _const(json.dumps(json.loads(text), sort_keys=True, separators=(",", ":")))
            except ValueError:
                return _const(text)
        if tname.endswith("[]"):
            elements = _simple_array_literal(text)
            if elements is not None:
                return ast.A_ArrayExpr(elements=tuple(_const(e) for e in elements) or None)
        if base in _NUMERIC_TYPES and _is_number(text.strip()):
            t = text.strip()
            if t.lstrip("-").isdigit():
                return _const(int(t))
            return _float(t)
        if base == "bytea" and not text.startswith("\\x") and "\\" not in text:
            return _const("\\x" + text.encode("utf-8").hex())  # the server prints bytea in hex
        if base in _BOOL_TYPES and text.strip().lower() in ("t", "true", "f", "false"):
            return _const(text.strip().lower().startswith("t"))
        return _const(text)
    if isinstance(node.arg, ast.A_ArrayExpr) and tname.endswith("[]"):
        return node.arg  # ARRAY[...]::text[]: the elements carry the type
    if isinstance(node.arg, ast.A_Const) and not node.arg.isnull and base in _NUMERIC_TYPES:
        return node.arg  # 1::bigint
    if isinstance(node.arg, ast.ColumnRef) and tname in _IMPLICIT_COLUMN_CASTS:
        return node.arg
    node.typeName = ast.TypeName(names=(ast.String(sval=tname.removesuffix("[]")),), typemod=-1,
                                 typmods=node.typeName.typmods, arrayBounds=node.typeName.arrayBounds)
    return node


def _simple_array_literal(text: str) -> list[str] | None:
    """``'{}'`` -> [], ``'{a,b}'`` -> ['a', 'b']; None when quoting or nesting makes it not simple."""
    t = text.strip()
    if not (t.startswith("{") and t.endswith("}")):
        return None
    body = t[1:-1].strip()
    if not body:
        return []
    if any(ch in body for ch in '"\\{}'):
        return None
    return [p.strip() for p in body.split(",")]


def _a_expr(node):
    from pglast import ast
    from pglast.enums import A_Expr_Kind as K
    from pglast.enums import BoolExprType

    op = node.name[-1].sval if node.name else ""
    kind = node.kind
    # x = ANY (ARRAY[a, b]) is how the server prints x IN (a, b); x <> ALL (...) is NOT IN
    if isinstance(node.rexpr, ast.A_ArrayExpr) and (
        (kind == K.AEXPR_OP_ANY and op == "=") or (kind == K.AEXPR_OP_ALL and op == "<>")
    ):
        node = ast.A_Expr(kind=K.AEXPR_IN, name=node.name, lexpr=node.lexpr, rexpr=tuple(node.rexpr.elements or ()))
        kind = K.AEXPR_IN
    if kind == K.AEXPR_IN and isinstance(node.rexpr, tuple) and len(node.rexpr) == 1:
        return ast.A_Expr(kind=K.AEXPR_OP, name=node.name, lexpr=node.lexpr, rexpr=node.rexpr[0])
    if kind in (K.AEXPR_LIKE, K.AEXPR_ILIKE):
        return ast.A_Expr(kind=K.AEXPR_OP, name=node.name, lexpr=node.lexpr, rexpr=node.rexpr)
    if kind in (K.AEXPR_BETWEEN, K.AEXPR_NOT_BETWEEN) and isinstance(node.rexpr, tuple):
        low, high = node.rexpr
        inside = kind == K.AEXPR_BETWEEN
        parts = (
            ast.A_Expr(kind=K.AEXPR_OP, name=(ast.String(sval=">=" if inside else "<"),), lexpr=node.lexpr, rexpr=low),
            ast.A_Expr(kind=K.AEXPR_OP, name=(ast.String(sval="<=" if inside else ">"),), lexpr=node.lexpr, rexpr=high),
        )
        return ast.BoolExpr(boolop=BoolExprType.AND_EXPR if inside else BoolExprType.OR_EXPR, args=parts)
    return node


def _bool_expr(node):
    from pglast import ast
    from pglast.enums import BoolExprType

    if node.boolop == BoolExprType.NOT_EXPR:
        return node
    # the server keeps (a AND b) AND c nested where the parser of a spec made it flat: flatten both
    flat = []
    for arg in node.args or ():
        if isinstance(arg, ast.BoolExpr) and arg.boolop == node.boolop:
            flat.extend(arg.args or ())
        else:
            flat.append(arg)
    return ast.BoolExpr(boolop=node.boolop, args=tuple(flat))


def _func_call(node):
    from pglast import ast

    names = [n.sval for n in node.funcname or ()]
    if len(names) == 2 and names[0] == "pg_catalog":
        names = names[1:]
    if names and names[-1] in _NOW_ALIASES and not node.args:
        names = ["now"]
    node.funcname = tuple(ast.String(sval=n) for n in names)
    return node


def _sql_value_function(node):
    from pglast import ast
    from pglast.enums import SQLValueFunctionOp

    if node.op == SQLValueFunctionOp.SVFOP_CURRENT_TIMESTAMP:
        return ast.FuncCall(funcname=(ast.String(sval="now"),))
    return node


def _a_const(node):
    from pglast import ast

    if isinstance(node.val, ast.Float):
        return _float(node.val.fval)
    return node


_RULES = {
    "A_Const": _a_const,
    "TypeCast": _type_cast,
    "A_Expr": _a_expr,
    "BoolExpr": _bool_expr,
    "FuncCall": _func_call,
    "SQLValueFunction": _sql_value_function,
}
