"""Row models of `GroupMessage`: One message in a group chat, written by a user or by a companion (a bot).

Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

import uuid as _uuid

import pydantic as _pd

from . import _types


class GroupMessageRow(_pd.BaseModel):
    """A row of `GroupMessage` as the database holds it."""

    model_config = _types.ROW_CONFIG

    id: _uuid.UUID
    groupChatId: _uuid.UUID
    senderId: _uuid.UUID = _pd.Field(description="A User id, or a Companion id when isBot is true.")
    isBot: bool = False
    content: _types.Text
    createdAt: _types.TimestampTz


class GroupMessageInsert(_pd.BaseModel):
    """A row to insert into `GroupMessage`. It leaves out what the database fills in: `id`, `createdAt`."""

    model_config = _types.ROW_CONFIG

    groupChatId: _uuid.UUID
    senderId: _uuid.UUID = _pd.Field(description="A User id, or a Companion id when isBot is true.")
    isBot: bool = False
    content: _types.Text
