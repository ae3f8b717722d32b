"""The example application's schema (product.md), as the starting point most golden cases edit."""

from irkit import catalog, col, enum, idx, model

ID = col("id", "uuid", d="gen_random_uuid()")
CREATED = col("createdAt", "timestamptz", d="now()")


def user(*extra, **over):
    kw = dict(uniques=[["email"]])
    kw.update(over)
    return model("User", [ID, col("email", "varchar(320)"), col("name", "text", null=True), CREATED, *extra], **kw)


def companion(*extra, legacy=True, **over):
    cols = [
        ID,
        col("userId", "uuid"),
        col("name", "text"),
        col("isPublic", "boolean", d="false"),
        col("personality", "jsonb", d="'{}'"),
        col("personalityConfig", "jsonb", null=True, config="personality_config"),
        col("knowledgeConfig", "jsonb", null=True, config="knowledge_config"),
        col("interactionConfig", "jsonb", null=True, config="interaction_config"),
        col("toolConfig", "jsonb", null=True, config="tool_config"),
        col("toolAccess", "text[]", d="'{}'"),
        col("version", "integer", d="1"),
        col("tokensBurned", "bigint", d="0"),
        CREATED,
        col("updatedAt", "timestamptz", d="now()"),
    ]
    if legacy:
        cols.append(col("legacyNotes", "text", deprecated="moved to knowledgeConfig"))
    cols += extra
    kw = dict(
        fks=[("userId", "User")],
        uniques=[["userId", "name"]],
        checks=[("tokens_burned_nonnegative", '"tokensBurned" >= 0')],
        indexes=[
            ["userId", "createdAt"],
            idx("Companion", ["createdAt"], where='"isPublic"', name="Companion_public_recent_idx"),
            idx("Companion", ["personalityConfig"], using="gin"),
        ],
    )
    kw.update(over)
    return model("Companion", cols, **kw)


def message(*extra, **over):
    kw = dict(
        fks=[("companionId", "Companion"), ("userId", "User")],
        indexes=[["companionId", "createdAt"], ["companionId", "userId"], ["companionId", "userId", "createdAt"]],
    )
    kw.update(over)
    cols = [ID, col("companionId", "uuid"), col("userId", "uuid"), col("role", "MessageRole", d="'user'"),
            col("content", "text"), CREATED, *extra]  # fmt: skip
    return model("Message", cols, **kw)


def group_chat(**over):
    kw = dict(fks=[("creatorId", "User")], indexes=[["creatorId", "createdAt"]])
    kw.update(over)
    return model("GroupChat", [ID, col("creatorId", "uuid"), col("name", "text"), CREATED], **kw)


def group_message(*extra, **over):
    kw = dict(
        fks=[("groupChatId", "GroupChat"), ("senderId", "User", ("id",), "set_null")],
        indexes=[["groupChatId", "createdAt"], ["groupChatId", "senderId"], ["groupChatId", "isBot"],
                 ["groupChatId", "senderId", "createdAt"]],
    )  # fmt: skip
    kw.update(over)
    cols = [ID, col("groupChatId", "uuid"), col("senderId", "uuid", null=True), col("isBot", "boolean", d="false"),
            col("content", "text"), CREATED, *extra]  # fmt: skip
    return model("GroupMessage", cols, **kw)


def user_usage(*extra, **over):
    kw = dict(pk=("userId",), fks=[("userId", "User")], checks=[("balance_nonnegative", '"balance" >= 0')])
    kw.update(over)
    cols = [col("userId", "uuid"), col("plan", "Plan", d="'free'"), col("balance", "bigint", d="0"),
            col("totalBurned", "bigint", d="0"), col("totalGranted", "bigint", d="0"),
            col("updatedAt", "timestamptz", d="now()"), *extra]  # fmt: skip
    return model("UserUsage", cols, **kw)


def usage_transaction(*extra, **over):
    kw = dict(
        fks=[("userId", "User")],
        checks=[("amount_nonzero", '"amount" <> 0')],
        indexes=[["userId", "createdAt"]],
    )
    kw.update(over)
    cols = [ID, col("userId", "uuid"), col("amount", "bigint"), col("kind", "text"),
            col("inferenceTokens", "integer"), CREATED, *extra]  # fmt: skip
    return model("UsageTransaction", cols, **kw)


ENUMS = (enum("MessageRole", "user", "assistant", "system"), enum("Plan", "free", "pro", "team"))


def app(**replace_tables):
    """The application catalog; keyword arguments replace (or, with None, remove) tables."""
    tables = {
        "User": user(), "Companion": companion(), "Message": message(), "GroupChat": group_chat(),
        "GroupMessage": group_message(), "UserUsage": user_usage(), "UsageTransaction": usage_transaction(),
    }  # fmt: skip
    tables.update(replace_tables)
    enums = replace_tables.pop("_enums", ENUMS)
    return catalog([t for k, t in tables.items() if t is not None and not k.startswith("_")], enums)
