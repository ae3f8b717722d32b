"""Renames declared with renamed_from: table, column, enum; key and index names follow the table."""

from dataclasses import replace

from app import ENUMS, app, group_chat, group_message, message
from irkit import col, enum, idx, model

NAME = "rename_group_chat"
OLD = app()

_msg = message()
_msg = replace(
    _msg,
    columns=tuple(
        col("body", "text", renamed_from="content") if c.name == "content"
        else col("role", "ChatRole", d="'user'") if c.name == "role" else c
        for c in _msg.columns
    ),
)  # fmt: skip

_chat = group_chat()
ChatGroup = model(
    "ChatGroup",
    list(_chat.columns),
    fks=[("creatorId", "User")],
    indexes=[["creatorId", "createdAt"]],
    renamed_from="GroupChat",
)

_gm = group_message()
GroupMessage = model(
    "GroupMessage",
    [col("chatGroupId", "uuid", renamed_from="groupChatId") if c.name == "groupChatId" else c for c in _gm.columns],
    fks=[("chatGroupId", "ChatGroup"), ("senderId", "User", ("id",), "set_null")],
    indexes=[["chatGroupId", "createdAt"], ["chatGroupId", "senderId"], ["chatGroupId", "isBot"],
             ["chatGroupId", "senderId", "createdAt"]],
)  # fmt: skip

NEW = app(
    GroupChat=None,
    ChatGroup=ChatGroup,
    GroupMessage=GroupMessage,
    Message=_msg,
    _enums=(enum("ChatRole", "user", "assistant", "system", renamed_from="MessageRole"), ENUMS[1]),
)
