"""Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.

The enums, each a Literal type of its values.
"""

import typing as _typing

Mood = _typing.Literal["calm", "odd value", "x'y", "\u00e9"]
