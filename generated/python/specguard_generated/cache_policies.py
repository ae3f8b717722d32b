"""Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.

Serve them with `cache_runtime.PolicyCache` on a redis-py client (the package's `cache` extra). A constant per
policy; `POLICIES` by name; `INVALIDATES`: for each model, the policies that a write to it invalidates.
"""

from collections.abc import Mapping

from .cache_runtime import CachePolicy

COMPANION_DETAIL = CachePolicy(
    name="companion_detail",
    model="Companion",
    key_template="companion:{id}",
    parts=(("text", "companion:"), ("column", "id")),
    ttl_anonymous=300,
    ttl_authenticated=60,
    critical=False,
    chunk_max_bytes=None,
    invalidated_by=(("Companion", (("id", "id"),)),),
)

COMPANION_MESSAGES = CachePolicy(
    name="companion_messages",
    model="Message",
    key_template="messages:{companionId}:{userId}",
    parts=(("text", "messages:"), ("column", "companionId"), ("text", ":"), ("column", "userId")),
    ttl_anonymous=None,
    ttl_authenticated=60,
    critical=False,
    chunk_max_bytes=1048576,
    invalidated_by=(
        ("Companion", (("companionId", "id"),)),
        ("Message", (("companionId", "companionId"), ("userId", "userId"))),
    ),
)

GROUP_CHAT_FEED = CachePolicy(
    name="group_chat_feed",
    model="GroupMessage",
    key_template="group:{groupChatId}",
    parts=(("text", "group:"), ("column", "groupChatId")),
    ttl_anonymous=300,
    ttl_authenticated=60,
    critical=False,
    chunk_max_bytes=1048576,
    invalidated_by=(("GroupChat", (("groupChatId", "id"),)), ("GroupMessage", (("groupChatId", "groupChatId"),))),
)

USER_USAGE = CachePolicy(
    name="user_usage",
    model="UserUsage",
    key_template="usage:{userId}",
    parts=(("text", "usage:"), ("column", "userId")),
    ttl_anonymous=None,
    ttl_authenticated=None,
    critical=True,
    chunk_max_bytes=None,
    invalidated_by=(),
)

POLICIES: Mapping[str, CachePolicy] = {
    "companion_detail": COMPANION_DETAIL,
    "companion_messages": COMPANION_MESSAGES,
    "group_chat_feed": GROUP_CHAT_FEED,
    "user_usage": USER_USAGE,
}
INVALIDATES: Mapping[str, tuple[str, ...]] = {
    "Companion": ("companion_detail", "companion_messages"),
    "GroupChat": ("group_chat_feed",),
    "GroupMessage": ("group_chat_feed",),
    "Message": ("companion_messages",),
}
