"""Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.

The enums, each a Literal type of its values.
"""

import typing as _typing

MessageRole = _typing.Literal["user", "assistant", "system"]
UsageKind = _typing.Literal["burn", "grant", "refund"]
