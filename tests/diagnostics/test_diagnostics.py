"""The helpers of the bottom layer: an offset as line and column."""

from __future__ import annotations

import pytest

from specguard.diagnostics import line_column


# (text, 0-based offset, 1-based line and column)
@pytest.mark.parametrize("text,offset,expected", [
    ("abc", 0, (1, 1)),
    ("abc", 2, (1, 3)),
    ("ab\ncd", 2, (1, 3)),  # the newline itself ends line 1
    ("ab\ncd", 3, (2, 1)),
    ("ab\r\ncd", 4, (2, 1)),  # CRLF: only the \n counts
    ("a\n\nb", 3, (3, 1)),
    ("é\nxé!", 4, (2, 3)),  # characters, not bytes
    ("ab\ncd", 9, (2, 7)),  # past the end: counted as if the line went on
    (b"\xc3\xa9\n\xc3\xa9\xff", 5, (2, 3)),  # bytes: the column counts bytes
])
def test_line_column(text, offset, expected):
    assert line_column(text, offset) == expected
