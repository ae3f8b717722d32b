"""PostgreSQL DDL for each change operation: one ``<op>_sql`` method per kind, as sqlglot's generator.

The generator is mechanical: it never decides policy. Whether an index is built CONCURRENTLY, a
foreign key added NOT VALID or a constraint attached USING INDEX is chosen by ``emit.plan``, which
passes the variant as a keyword. Every identifier goes through ``quote_ident``, every type through
``ColumnType.sql()``; defaults, predicates and check expressions are the canonical SQL the build
stage parsed with pglast. Each method returns a tuple of statements, each ending in ``;``.
"""

from __future__ import annotations

import functools

from specguard.compiler.diff.typechange import TypeChange, classify_type_change
from specguard.compiler.emit.sql.backfill import Backfill, backfill_sql, dollar_tag
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import Column, ColumnType, Index, Table, fit_identifier
from specguard.compiler.ir.catalog import quote_ident as q
from specguard.compiler.resolve.sqlfrag import quote_literal

_ON_DELETE = {"cascade": "CASCADE", "restrict": "RESTRICT", "set_null": "SET NULL", "no_action": "NO ACTION"}


def _cols(names) -> str:
    return ", ".join(q(n) for n in names)


def not_null_check_name(table: str, column: str) -> str:
    """The temporary CHECK (col IS NOT NULL) that lets SET NOT NULL skip its scan (PG 12+).

    Not ``<table>_<col>_not_null``: PostgreSQL 18 gives NOT NULL constraints that very name.
    """
    return fit_identifier(f"{table}_{column}_not_null_check")


@functools.lru_cache(maxsize=4096)  # a tree repeats a few defaults (0, now(), '{}') across its columns
def column_default_sql(expr: str) -> str:
    """``expr`` as it may follow DEFAULT in a column definition, parenthesized when it must be.

    There PostgreSQL's grammar takes only a restricted expression (``b_expr``): ``NOT FALSE``,
    ``1 IN (1)`` or ``x IS NULL`` are syntax errors unless parenthesized. ALTER .. SET DEFAULT takes
    any expression, so only column definitions need this.
    """
    from pglast import parse_sql

    try:
        parse_sql(f"CREATE TABLE t (c int DEFAULT {expr})")
        return expr
    except Exception:
        return f"({expr})"


def rebuilt_enum_old_name(name: str) -> str:
    """The name the old type carries while an enum is rebuilt, until it is dropped."""
    return fit_identifier(f"{name}__old")


def swap_name(name: str) -> str:
    """The name a rebuilt index or key index carries beside the old one, until it is swapped in."""
    return fit_identifier(f"{name}__new")


class SqlGenerator:
    def generate(self, op: o.Op, **variant) -> tuple[str, ...]:
        return getattr(self, f"{op.kind}_sql")(op, **variant)

    # --- enums -----------------------------------------------------------------------------------

    def create_enum_sql(self, op: o.CreateEnum) -> tuple[str, ...]:
        values = ", ".join(quote_literal(v) for v in op.enum.values)
        # CREATE TYPE has no IF NOT EXISTS; the script's transaction makes the pair atomic instead
        return (f"CREATE TYPE {q(op.enum.name)} AS ENUM ({values});",)

    def drop_enum_sql(self, op: o.DropEnum) -> tuple[str, ...]:
        return (f"DROP TYPE IF EXISTS {q(op.enum.name)};",)

    def rename_enum_sql(self, op: o.RenameEnum) -> tuple[str, ...]:
        return (f"ALTER TYPE {q(op.old.name)} RENAME TO {q(op.new.name)};",)

    def add_enum_value_sql(self, op: o.AddEnumValue) -> tuple[str, ...]:
        place = f" AFTER {quote_literal(op.after)}" if op.after is not None else f" BEFORE {quote_literal(op.before)}"
        return (f"ALTER TYPE {q(op.enum.name)} ADD VALUE IF NOT EXISTS {quote_literal(op.value)}{place};",)

    def recreate_enum_sql(self, op: o.RecreateEnum) -> tuple[str, ...]:
        """Rename the old type away, create the new one, convert every column through text."""
        name, tmp = op.new.name, rebuilt_enum_old_name(op.new.name)
        out = [f"ALTER TYPE {q(name)} RENAME TO {q(tmp)};", *self.create_enum_sql(o.CreateEnum(op.new))]
        for table, col in op.columns:
            via = "text[]" if col.type.array else "text"
            new_type = ColumnType(name, array=col.type.array, enum=True).sql()
            # the old default is typed with the old enum and would not cast: drop, convert, re-set
            out.append(f"ALTER TABLE {q(table)} ALTER COLUMN {q(col.name)} DROP DEFAULT;")
            out.append(
                f"ALTER TABLE {q(table)} ALTER COLUMN {q(col.name)} TYPE {new_type} "
                f"USING {q(col.name)}::{via}::{new_type};"
            )
            if col.default is not None and col.type.enum and col.type.base == name:
                out.append(f"ALTER TABLE {q(table)} ALTER COLUMN {q(col.name)} SET DEFAULT {col.default.sql};")
        return tuple(out)

    def recreate_enum_cleanup_sql(self, op: o.RecreateEnum) -> tuple[str, ...]:
        return (f"DROP TYPE IF EXISTS {q(rebuilt_enum_old_name(op.new.name))};",)

    # --- tables ----------------------------------------------------------------------------------

    def create_table_sql(self, op: o.CreateTable) -> tuple[str, ...]:
        t = op.table
        lines = [self.column_definition(c) for c in t.columns]
        if t.primary_key:
            lines.append(f"CONSTRAINT {q(t.primary_key.name)} PRIMARY KEY ({_cols(t.primary_key.columns)})")
        lines += [f"CONSTRAINT {q(u.name)} UNIQUE ({_cols(u.columns)})" for u in t.uniques]
        lines += [f"CONSTRAINT {q(c.name)} CHECK ({c.expression})" for c in t.checks]
        body = ",\n".join("    " + line for line in lines)
        return (f"CREATE TABLE IF NOT EXISTS {q(t.name)} (\n{body}\n);",)

    def drop_table_sql(self, op: o.DropTable) -> tuple[str, ...]:
        return (f"DROP TABLE IF EXISTS {q(op.table.name)};",)

    def rename_table_sql(self, op: o.RenameTable) -> tuple[str, ...]:
        return (f"ALTER TABLE IF EXISTS {q(op.old.name)} RENAME TO {q(op.new.name)};",)

    # --- columns ---------------------------------------------------------------------------------

    @staticmethod
    def column_definition(c: Column) -> str:
        s = f"{q(c.name)} {c.type.sql()}"
        if not c.nullable:
            s += " NOT NULL"
        if c.default is not None:
            s += f" DEFAULT {column_default_sql(c.default.sql)}"
        return s

    def add_column_sql(self, op: o.AddColumn) -> tuple[str, ...]:
        return (f"ALTER TABLE {q(op.table)} ADD COLUMN IF NOT EXISTS {self.column_definition(op.column)};",)

    def drop_column_sql(self, op: o.DropColumn) -> tuple[str, ...]:
        return (f"ALTER TABLE {q(op.table)} DROP COLUMN IF EXISTS {q(op.column.name)};",)

    def rename_column_sql(self, op: o.RenameColumn) -> tuple[str, ...]:
        return (f"ALTER TABLE {q(op.table)} RENAME COLUMN {q(op.old.name)} TO {q(op.new.name)};",)

    def alter_column_type_sql(self, op: o.AlterColumnType) -> tuple[str, ...]:
        t, c, new_type = q(op.table), q(op.new.name), op.new.type.sql()
        out = []
        if op.old.default is not None:
            # the old default may not cast to the new type; SetDefault re-sets the new one after
            out.append(f"ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT;")
        if classify_type_change(op.old.type, op.new.type) is TypeChange.COERCIBLE:
            out.append(f"ALTER TABLE {t} ALTER COLUMN {c} TYPE {new_type};")
        else:
            out.append(f"ALTER TABLE {t} ALTER COLUMN {c} TYPE {new_type} USING {self._cast(op)};")
        return tuple(out)

    @staticmethod
    def _cast(op: o.AlterColumnType) -> str:
        c, old, new = q(op.new.name), op.old.type, op.new.type
        if new.enum or (old.enum and new.base not in ("text", "varchar")):
            # enums cast only to and from text; text is the common ground
            return f"{c}::{'text[]' if old.array else 'text'}::{new.sql()}"
        return f"{c}::{new.sql()}"

    def set_not_null_sql(self, op: o.SetNotNull) -> tuple[str, ...]:
        return (f"ALTER TABLE {q(op.table)} ALTER COLUMN {q(op.column.name)} SET NOT NULL;",)

    def drop_not_null_sql(self, op: o.DropNotNull) -> tuple[str, ...]:
        return (f"ALTER TABLE {q(op.table)} ALTER COLUMN {q(op.column.name)} DROP NOT NULL;",)

    def set_default_sql(self, op: o.SetDefault) -> tuple[str, ...]:
        return (f"ALTER TABLE {q(op.table)} ALTER COLUMN {q(op.column.name)} SET DEFAULT {op.column.default.sql};",)

    def drop_default_sql(self, op: o.DropDefault) -> tuple[str, ...]:
        return (f"ALTER TABLE {q(op.table)} ALTER COLUMN {q(op.column.name)} DROP DEFAULT;",)

    def backfill_nulls_sql(self, table: Table, column: Column) -> tuple[str, ...]:
        """Give the column's default to the rows that hold NULL, in committed batches (one DO block)."""
        c = q(column.name)
        fill = Backfill(table, ((column.name, column.default.sql),), f"{c} IS NULL", f"{column.name} := default")
        return (backfill_sql(fill),)

    def not_null_check_sql(self, op: o.SetNotNull) -> tuple[str, ...]:
        name = q(not_null_check_name(op.table, op.column.name))
        return (f"ALTER TABLE {q(op.table)} ADD CONSTRAINT {name} CHECK ({q(op.column.name)} IS NOT NULL) NOT VALID;",)

    # --- constraints -----------------------------------------------------------------------------

    def add_primary_key_sql(self, op: o.AddPrimaryKey, using_index: bool = False) -> tuple[str, ...]:
        pk = op.primary_key
        body = f"PRIMARY KEY USING INDEX {q(pk.name)}" if using_index else f"PRIMARY KEY ({_cols(pk.columns)})"
        return (f"ALTER TABLE {q(op.table)} ADD CONSTRAINT {q(pk.name)} {body};",)

    def add_unique_sql(self, op: o.AddUnique, using_index: bool = False) -> tuple[str, ...]:
        u = op.unique
        body = f"UNIQUE USING INDEX {q(u.name)}" if using_index else f"UNIQUE ({_cols(u.columns)})"
        return (f"ALTER TABLE {q(op.table)} ADD CONSTRAINT {q(u.name)} {body};",)

    def add_foreign_key_sql(self, op: o.AddForeignKey, not_valid: bool = False) -> tuple[str, ...]:
        fk = op.foreign_key
        return (
            f"ALTER TABLE {q(op.table)} ADD CONSTRAINT {q(fk.name)} FOREIGN KEY ({_cols(fk.columns)}) "
            f"REFERENCES {q(fk.ref_table)} ({_cols(fk.ref_columns)}) ON DELETE {_ON_DELETE[fk.on_delete]}"
            + (" NOT VALID;" if not_valid else ";"),
        )

    def add_check_sql(self, op: o.AddCheck, not_valid: bool = False) -> tuple[str, ...]:
        c = op.check
        tail = " NOT VALID;" if not_valid else ";"
        return (f"ALTER TABLE {q(op.table)} ADD CONSTRAINT {q(c.name)} CHECK ({c.expression}){tail}",)

    def drop_primary_key_sql(self, op: o.DropPrimaryKey) -> tuple[str, ...]:
        return self.drop_constraint_sql(op.table, op.primary_key.name)

    def drop_foreign_key_sql(self, op: o.DropForeignKey) -> tuple[str, ...]:
        return self.drop_constraint_sql(op.table, op.foreign_key.name)

    def drop_unique_sql(self, op: o.DropUnique) -> tuple[str, ...]:
        return self.drop_constraint_sql(op.table, op.unique.name)

    def drop_check_sql(self, op: o.DropCheck) -> tuple[str, ...]:
        return self.drop_constraint_sql(op.table, op.check.name)

    def drop_constraint_sql(self, table: str, name: str) -> tuple[str, ...]:
        return (f"ALTER TABLE {q(table)} DROP CONSTRAINT IF EXISTS {q(name)};",)

    def validate_constraint_sql(self, table: str, name: str) -> tuple[str, ...]:
        return (f"ALTER TABLE {q(table)} VALIDATE CONSTRAINT {q(name)};",)

    def rename_constraint_sql(self, op: o.RenameConstraint) -> tuple[str, ...]:
        return (f"ALTER TABLE {q(op.table)} RENAME CONSTRAINT {q(op.old_name)} TO {q(op.new_name)};",)

    # --- indexes ---------------------------------------------------------------------------------

    def create_index_sql(self, op: o.CreateIndex, concurrently: bool = False) -> tuple[str, ...]:
        return (self.index_sql(op.table, op.index, op.index.name, concurrently),)

    @staticmethod
    def index_sql(table: str, ix: Index, name: str, concurrently: bool) -> str:
        """``CREATE [UNIQUE] INDEX`` of ``ix`` under ``name`` (its own, or the name it is built under)."""
        head = "CREATE UNIQUE INDEX" if ix.unique else "CREATE INDEX"
        conc = " CONCURRENTLY" if concurrently else ""
        using = "" if ix.using == "btree" else f" USING {ix.using}"
        where = f" WHERE {ix.where}" if ix.where else ""
        return f"{head}{conc} IF NOT EXISTS {q(name)} ON {q(table)}{using} ({_cols(ix.columns)}){where};"

    def unique_index_sql(self, table: str, name: str, columns) -> tuple[str, ...]:
        """The index a UNIQUE or PRIMARY KEY constraint is later attached to (USING INDEX)."""
        return (f"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {q(name)} ON {q(table)} ({_cols(columns)});",)

    def drop_index_sql(self, op: o.DropIndex, concurrently: bool = False) -> tuple[str, ...]:
        conc = " CONCURRENTLY" if concurrently else ""
        return (f"DROP INDEX{conc} IF EXISTS {q(op.index.name)};",)

    def rename_index_sql(self, op: o.RenameIndex) -> tuple[str, ...]:
        return (f"ALTER INDEX IF EXISTS {q(op.old.name)} RENAME TO {q(op.new.name)};",)

    # --- swaps: a rebuilt key or index takes the place of the old one -----------------------------

    def build_replacement_sql(self, op: o.ChangePrimaryKey | o.ChangeIndex) -> tuple[str, ...]:
        """The new key index or index, built CONCURRENTLY beside the old one under its swap name."""
        tmp = swap_name(op.new.name)
        if isinstance(op, o.ChangeIndex):
            return (self.index_sql(op.table, op.new, tmp, concurrently=True),)
        return self.unique_index_sql(op.table, tmp, op.new.columns)

    def swap_key_sql(self, op: o.ChangePrimaryKey) -> tuple[str, ...]:
        """Drop the old key and attach the rebuilt index in one statement; the index takes the key's name.
        PostgreSQL refuses an index that is INVALID or missing, and then nothing is dropped."""
        return (f"ALTER TABLE {q(op.table)} DROP CONSTRAINT IF EXISTS {q(op.old.name)}, "
                f"ADD CONSTRAINT {q(op.new.name)} PRIMARY KEY USING INDEX {q(swap_name(op.new.name))};",)

    def swap_index_sql(self, op: o.ChangeIndex) -> tuple[str, ...]:
        """Check that the rebuilt index is valid, drop the old one, give the rebuilt one its name."""
        tmp = swap_name(op.new.name)
        rebuild = f"DROP INDEX CONCURRENTLY IF EXISTS {q(tmp)}; {self.index_sql(op.table, op.new, tmp, True)}"
        message = (f"the rebuilt index {tmp} is missing or INVALID (its CONCURRENTLY build failed), so {op.old.name} "
                   "is kept: build it again, then run this migration again")
        body = "\n".join([
            "BEGIN",
            f"  IF NOT EXISTS (SELECT FROM pg_index WHERE indexrelid = to_regclass({quote_literal(q(tmp))}) AND indisvalid) THEN",
            f"    RAISE EXCEPTION USING MESSAGE = {quote_literal(message)}, HINT = {quote_literal(rebuild)};",
            "  END IF;",
            "END",
        ])
        tag = dollar_tag(body)
        guard = f"DO {tag}\n{body}\n{tag};"
        return (guard, f"DROP INDEX IF EXISTS {q(op.old.name)};", f"ALTER INDEX IF EXISTS {q(tmp)} RENAME TO {q(op.new.name)};")
