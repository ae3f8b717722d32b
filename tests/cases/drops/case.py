"""Destructive changes: columns (deprecated and not), tables, an enum, keys and indexes."""

from dataclasses import replace

from app import ENUMS, app, companion, message
from irkit import enum

NAME = "drop_group_chats"
OLD = app(_enums=ENUMS + (enum("Visibility", "private", "public"),))

_c = companion()
NEW = app(
    # legacyNotes was deprecated (SG301); tokensBurned was not (SG302), and its check goes with it;
    # the unique key and the partial index are dropped too
    Companion=replace(
        _c,
        columns=tuple(c for c in _c.columns if c.name not in ("legacyNotes", "tokensBurned")),
        uniques=(),
        checks=(),
        indexes=tuple(i for i in _c.indexes if i.name != "Companion_public_recent_idx"),
    ),
    Message=message(fks=[("companionId", "Companion")]),  # the FK to User is dropped
    GroupChat=None,  # both tables go (SG300), with the FK between them
    GroupMessage=None,
)  # Visibility is no longer declared (SG306)
