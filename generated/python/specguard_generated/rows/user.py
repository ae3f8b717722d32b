"""Row models of `User`: A person with an account.

Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

import uuid as _uuid

import pydantic as _pd

from . import _types


class UserRow(_pd.BaseModel):
    """A row of `User` as the database holds it."""

    model_config = _types.ROW_CONFIG

    id: _uuid.UUID
    email: _types.Text
    displayName: _types.Text | None = None
    createdAt: _types.TimestampTz
    updatedAt: _types.TimestampTz


class UserInsert(_pd.BaseModel):
    """A row to insert into `User`. It leaves out what the database fills in: `id`, `createdAt`, `updatedAt`."""

    model_config = _types.ROW_CONFIG

    email: _types.Text
    displayName: _types.Text | None = None
