"""Row models of `GroupChat`: A chat room shared by several users and companions.

Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

import uuid as _uuid

import pydantic as _pd

from . import _types


class GroupChatRow(_pd.BaseModel):
    """A row of `GroupChat` as the database holds it."""

    model_config = _types.ROW_CONFIG

    id: _uuid.UUID
    creatorId: _uuid.UUID
    name: _types.Text
    createdAt: _types.TimestampTz


class GroupChatInsert(_pd.BaseModel):
    """A row to insert into `GroupChat`. It leaves out what the database fills in: `id`, `createdAt`."""

    model_config = _types.ROW_CONFIG

    creatorId: _uuid.UUID
    name: _types.Text
