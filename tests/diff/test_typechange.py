import pytest

from specguard.compiler.diff import TypeChange as C
from specguard.compiler.diff import classify_type_change
from specguard.compiler.ir.catalog import ColumnType as T


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (T("varchar", (10,)), T("varchar", (20,)), C.COERCIBLE),
        (T("varchar", (10,)), T("text"), C.COERCIBLE),
        (T("text"), T("varchar"), C.COERCIBLE),
        (T("numeric", (10, 2)), T("numeric", (12, 2)), C.COERCIBLE),
        (T("numeric", (10, 2)), T("numeric"), C.COERCIBLE),
        (T("numeric", (10, 2)), T("numeric", (12, 4)), C.WIDENING),
        (T("integer"), T("bigint"), C.WIDENING),
        (T("smallint"), T("integer"), C.WIDENING),
        (T("real"), T("double precision"), C.WIDENING),
        (T("integer"), T("numeric", (12,)), C.WIDENING),
        (T("varchar", (10,), array=True), T("text", array=True), C.WIDENING),
        (T("E", enum=True), T("text"), C.WIDENING),
        (T("varchar", (20,)), T("varchar", (10,)), C.INCOMPATIBLE),
        (T("bigint"), T("integer"), C.INCOMPATIBLE),
        (T("text"), T("integer"), C.INCOMPATIBLE),
        (T("text"), T("E", enum=True), C.INCOMPATIBLE),
        (T("timestamp"), T("timestamptz"), C.INCOMPATIBLE),
        (T("json"), T("jsonb"), C.INCOMPATIBLE),
        (T("numeric"), T("numeric", (10, 2)), C.INCOMPATIBLE),
        (T("text"), T("text", array=True), C.INCOMPATIBLE),
        (T("text"), T("text"), C.SAME),
    ],
)
def test_classify_type_change(old, new, expected):
    assert classify_type_change(old, new) is expected
