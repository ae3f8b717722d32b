"""Each asserted ``format`` agrees with the reference validator (jsonschema with rfc3339-validator,
rfc3987 and fqdn) on strings built from the characters that matter to it, quirks included."""

from __future__ import annotations

import warnings

from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from specguard.compiler.emit.python.runtime import _formats
from specguard.compiler.ir.schemakeywords import FORMATS

PIECES = st.sampled_from([*"aZ09:/?#[]@!$&'()*+,;=%-._~ \n\tAfvé", "%2F", "http://", "::", "1.2.3.4", "T", "Z",
                          "+01:00", "2024-02-29", "2023-02-29", "12:59:60", "123e4567-e89b-12d3-a456-426614174000"])
TEXT = st.lists(PIECES, max_size=12).map("".join)


def test_the_generator_and_the_runtime_know_the_same_formats():
    assert sorted(_formats.FORMATS) == sorted(FORMATS)


@given(value=TEXT, name=st.sampled_from(sorted(FORMATS)))
def test_format_agrees_with_the_reference(value, name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # re's warnings about odd character sets
        expected = Draft202012Validator.FORMAT_CHECKER.conforms(value, name)
        assert _formats.FORMATS[name](value) == expected, (name, value)
