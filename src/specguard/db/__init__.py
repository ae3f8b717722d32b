"""The only code that talks to PostgreSQL (psycopg 3): the embedded server for verify and tests,
migration replay, introspection, and the comparisons behind ``verify`` and ``drift``.

Submodules are imported on demand so that ``specguard check`` never loads psycopg.
"""
