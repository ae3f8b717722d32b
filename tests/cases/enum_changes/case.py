"""Enum values: added in place (before and after), and removed (the type is rebuilt)."""

from app import app, message
from irkit import col, enum

NAME = "enum_values"
OLD = app()
NEW = app(
    # developer goes first (BEFORE 'user'), tool last; the new column uses a new value at once,
    # which works only because the values commit in a migration of their own first
    Message=message(col("toolRole", "MessageRole", d="'tool'")),
    # team is removed: rebuild the type and convert UserUsage.plan (SG304, SG400)
    _enums=(enum("MessageRole", "developer", "user", "assistant", "system", "tool"), enum("Plan", "free", "pro")),
)
