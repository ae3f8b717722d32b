"""SQL for change operations (``generator``) and their order into migration scripts (``planner``)."""

from specguard.compiler.emit.sql.planner import (
    MigrationScript,
    plan_migrations,
    plan_ops,
)

__all__ = ["MigrationScript", "plan_migrations", "plan_ops"]
