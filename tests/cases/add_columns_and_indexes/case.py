"""Additive changes to existing tables: columns, concurrent indexes, NOT VALID keys, a new table."""

from app import app, companion, group_message, message, usage_transaction, user, user_usage
from irkit import col, idx, model

NAME = "add_usage_tracking"
OLD = app()
NEW = app(
    # volatile default on an existing table: added bare, backfilled, NOT NULL via a validated check
    Message=message(
        col("publicId", "uuid", d="gen_random_uuid()"),
        col("tokensUsed", "bigint", null=True),
        col("editedAt", "timestamptz", null=True),
    ),
    # required without default (SG307) and a numeric with a literal default
    Companion=companion(col("slug", "text"), col("rating", "numeric(3,1)", d="0")),
    GroupMessage=group_message(
        indexes=[["groupChatId", "createdAt"], ["groupChatId", "senderId"], ["groupChatId", "isBot"],
                 ["groupChatId", "senderId", "createdAt"],
                 idx("GroupMessage", ["groupChatId", "createdAt"], where='NOT "isBot"', name="GroupMessage_human_recent_idx")],
    ),  # fmt: skip
    # FK on an existing table: NOT VALID, then VALIDATE in the validate script
    UsageTransaction=usage_transaction(
        col("messageId", "uuid", null=True),
        fks=[("userId", "User"), ("messageId", "Message", ("id",), "set_null")],
        indexes=[["userId", "createdAt"], ["messageId"]],
    ),
    UserUsage=user_usage(checks=[("balance_nonnegative", '"balance" >= 0'), ("total_burned_nonnegative", '"totalBurned" >= 0')]),
    # unique on an existing table: concurrent unique index, then ADD CONSTRAINT .. USING INDEX
    User=user(col("handle", "text", null=True), uniques=[["email"], ["handle"]]),
    ApiKey=model(
        "ApiKey",
        [col("id", "uuid", d="gen_random_uuid()"), col("userId", "uuid"), col("hash", "bytea"),
         col("createdAt", "timestamptz", d="now()"), col("expiresAt", "timestamptz", null=True)],
        fks=[("userId", "User")],
        uniques=[["hash"]],
        indexes=[["userId"]],
    ),  # fmt: skip
)
