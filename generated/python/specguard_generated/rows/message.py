"""Row models of `Message`: One message of a one-to-one chat between a user and a companion.

Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

import uuid as _uuid

import pydantic as _pd

from . import _enums, _types


class MessageRow(_pd.BaseModel):
    """A row of `Message` as the database holds it."""

    model_config = _types.ROW_CONFIG

    id: _uuid.UUID
    companionId: _uuid.UUID
    userId: _uuid.UUID
    role: _enums.MessageRole
    content: _types.Text
    createdAt: _types.TimestampTz


class MessageInsert(_pd.BaseModel):
    """A row to insert into `Message`. It leaves out what the database fills in: `id`, `createdAt`."""

    model_config = _types.ROW_CONFIG

    companionId: _uuid.UUID
    userId: _uuid.UUID
    role: _enums.MessageRole
    content: _types.Text
