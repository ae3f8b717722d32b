"""Column changes on existing tables: types (coercible, rewrite, narrowing), NULL-ness, defaults."""

from app import app, companion, group_message, message, usage_transaction, user
from irkit import col, model

NAME = "alter_columns"
OLD = app()


def _replace(table, **cols):
    """The table with some columns replaced by name, order kept."""
    from dataclasses import replace

    return replace(table, columns=tuple(cols.get(c.name, c) for c in table.columns))


NEW = app(
    # varchar(320) -> text is binary-coercible; name becomes required (check NOT VALID, validate, SET NOT NULL)
    User=_replace(user(), email=col("email", "text"), name=col("name", "text")),
    # integer -> bigint rewrites (SG400); a new default; personality deprecated -> DROP NOT NULL
    Companion=_replace(
        companion(),
        version=col("version", "bigint", d="1"),
        isPublic=col("isPublic", "boolean", d="true"),
        personality=col("personality", "jsonb", d="'{}'", deprecated="replaced by personalityConfig"),
        # nullable -> required with a default: old NULLs are backfilled with it before NOT NULL
        toolConfig=col("toolConfig", "jsonb", d="'{}'", config="tool_config"),
    ),
    # text -> varchar(20) may fail (SG303); integer -> numeric(14,2) keeps every value (SG400)
    UsageTransaction=_replace(
        usage_transaction(),
        kind=col("kind", "varchar(20)"),
        inferenceTokens=col("inferenceTokens", "numeric(14,2)"),
    ),
    # enum -> text: every label fits, but the table is rewritten; the default is re-set after
    Message=_replace(message(), role=col("role", "text", d="'user'")),
    # default dropped
    GroupMessage=_replace(group_message(), isBot=col("isBot", "boolean")),
)
