"""emit: SQL for change operations (``sql``) and their order into migration scripts (``plan``)."""

from specguard.compiler.emit.plan import MigrationScript, plan_migrations, plan_ops

__all__ = ["MigrationScript", "plan_migrations", "plan_ops"]
