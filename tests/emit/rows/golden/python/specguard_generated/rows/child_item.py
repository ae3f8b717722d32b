"""Row models of `ChildItem`.

Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

import typing as _typing
import uuid as _uuid

import pydantic as _pd

from . import _types


class ChildItemRow(_pd.BaseModel):
    """A row of `ChildItem` as the database holds it."""

    model_config = _types.ROW_CONFIG

    parentId: _uuid.UUID
    slot: _types.SmallInt
    label: _typing.Annotated[_types.Text, _types.varchar(20)] = "untitled"


class ChildItemInsert(_pd.BaseModel):
    """A row to insert into `ChildItem`."""

    model_config = _types.ROW_CONFIG

    parentId: _uuid.UUID
    slot: _types.SmallInt
    label: _typing.Annotated[_types.Text, _types.varchar(20)] = "untitled"
