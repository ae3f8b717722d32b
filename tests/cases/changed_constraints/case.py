"""Changed definitions under the same or a new name: index predicate, FK action, check, PK, unique."""

from app import app, companion, group_chat, message, usage_transaction
from irkit import idx

NAME = "tighten_constraints"
OLD = app()
NEW = app(
    Companion=companion(
        # unique widened: a new key (concurrent index + USING INDEX), the old one dropped
        uniques=[["userId", "name", "version"]],
        # check changed: dropped and re-added NOT VALID, then validated
        checks=[("tokens_burned_nonnegative", '"tokensBurned" >= 0 AND "version" > 0')],
        # the partial index's predicate changed: dropped, then re-created under the same name
        indexes=[
            ["userId", "createdAt"],
            idx("Companion", ["createdAt"], where='"isPublic" AND "version" > 0', name="Companion_public_recent_idx"),
            idx("Companion", ["personalityConfig"], using="gin"),
        ],
    ),
    # FK action changed: dropped and re-added NOT VALID
    Message=message(fks=[("companionId", "Companion", ("id",), "restrict"), ("userId", "User")]),
    # PK changed: dropped, re-built from a concurrent unique index, attached USING INDEX
    UsageTransaction=usage_transaction(pk=("id", "userId")),
    # an index made unique under the same name
    GroupChat=group_chat(indexes=[idx("GroupChat", ["creatorId", "createdAt"], unique=True)]),
)
