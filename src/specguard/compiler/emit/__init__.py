"""emit: generators from the IR and change operations to files (``sql``: the migration planner)."""
