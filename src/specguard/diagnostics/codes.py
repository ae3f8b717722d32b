"""The codes that are not rules: code, kebab-case name, severity, category and a one-line summary.

The schema-change rules (SG3xx, SG4xx) carry their own metadata and documentation in their modules
(``specguard.compiler.rules``); the registry of every code, rules included, is
``specguard.compiler.rules.registry``. This package is the bottom layer and knows nothing of the
compiler, so this table holds only the codes that stages other than the rules report.

The four-part documentation of each code here (what it does, why it matters, an example, what to use
instead) is Markdown package data, ``docs/<CODE>.md``, read only by ``specguard explain`` and SARIF:
the ``check`` path never opens those files.
Stages build diagnostics with :func:`diag`, so a code's severity and category live in one place.

Code ranges:
  SG0xx  usage and environment (exit code 2)
  SG1xx  syntax: the YAML and the spec format
  SG2xx  reference: names that do not resolve
  SG3xx  destructive and incompatible schema changes (rules)
  SG4xx  locking (rules)
  SG5xx  cache policies
  SG6xx  config schemas
  SG8xx  integrity of generated/ and the migration history
  SG9xx  drift between a database and the specs
"""

from __future__ import annotations

from typing import NamedTuple

from specguard.diagnostics import Category, Diagnostic, Severity, Span

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


class Code(NamedTuple):  # not a dataclass: the table below is built on every check's start-up
    code: str
    name: str
    severity: Severity
    category: Category
    summary: str

    @property
    def doc(self) -> str:
        """The four-part Markdown documentation, read from the package data when asked for."""
        from importlib.resources import files

        try:
            return (files("specguard.diagnostics") / "docs" / f"{self.code}.md").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return ""


_CODES: list[Code] = []


def _c(code: str, name: str, severity: Severity, category: Category, summary: str):
    _CODES.append(Code(code, name, severity, category, summary))


C = Category
# --- usage and environment -------------------------------------------------------------------
_c('SG001', 'specs-not-found', E, C.SYNTAX, 'The spec directory does not exist or holds no spec files.')
_c('SG002', 'database-unreachable', E, C.DRIFT, 'The database could not be reached or used.')
_c('SG003', 'invalid-option', E, C.SYNTAX, 'A command-line option has an invalid value.')
_c('SG004', 'git-error', E, C.INTEGRITY, 'A git revision could not be read.')
_c('SG005', 'spec-path-refused', E, C.SYNTAX, 'A path under the spec root is not a regular file inside it, or cannot be read.')
_c('SG006', 'generated-not-writable', E, C.INTEGRITY, 'The output folder cannot be written: it is a file, read-only, or out of space.')
_c('SG007', 'compile-in-progress', E, C.INTEGRITY, 'Another `specguard compile` holds the lock on the output folder.')
_c('SG008', 'pooled-connection', INFO, C.DRIFT, 'The database URL goes through a connection pooler (PgBouncer, a `-pooler` host).')
_c('SG009', 'internal-error', E, C.INTEGRITY, 'specguard failed in a way it does not expect: a bug to report.')
# --- syntax ------------------------------------------------------------------------------------
_c('SG100', 'yaml-syntax', E, C.SYNTAX, 'The file is not well-formed YAML.')
_c('SG101', 'invalid-encoding', E, C.SYNTAX, 'The file is not valid UTF-8 text.')
_c('SG102', 'duplicate-key', E, C.SYNTAX, 'A mapping holds the same key twice.')
_c('SG103', 'yaml-tag', E, C.SYNTAX, 'The YAML uses an explicit tag, which specs never need.')
_c('SG104', 'yaml-too-complex', E, C.SYNTAX, 'The YAML uses too many aliases, nests too deep or is too large.')
_c('SG105', 'unknown-kind', E, C.SYNTAX, 'A document has no `kind`, or a kind specguard does not know.')
_c('SG106', 'unknown-key', E, C.SYNTAX, 'A key that the spec format does not define.')
_c('SG107', 'invalid-value', E, C.SYNTAX, 'A value has the wrong type or is out of range.')
_c('SG108', 'missing-key', E, C.SYNTAX, 'A required key is missing.')
_c('SG109', 'invalid-identifier', E, C.SYNTAX, 'A name is not a valid identifier (letters, digits, `_`, at most 63 bytes).')
_c('SG110', 'unknown-type', E, C.SYNTAX, 'A column type that is neither a built-in type nor a declared enum.')
_c('SG111', 'invalid-sql-fragment', E, C.SYNTAX, 'A SQL fragment is not exactly one PostgreSQL expression.')
_c('SG112', 'credential-in-spec', E, C.SYNTAX, 'A value looks like a credential (a URL with a password, a token).')
_c('SG113', 'empty-spec', W, C.SYNTAX, 'A spec file or document is empty.')
_c('SG114', 'duplicate-definition', E, C.SYNTAX, 'Two specs define the same name.')
_c('SG115', 'invalid-json-schema', E, C.CONFIG, "A config's schema is not a valid JSON Schema (draft 2020-12).")
_c('SG116', 'invalid-default', E, C.SYNTAX, "A column default does not fit the column's type.")
_c('SG117', 'config-version-gap', E, C.CONFIG, 'Config versions must run 1, 2, 3 … without gaps.')
_c('SG118', 'invalid-duration', E, C.SYNTAX, 'A duration or size is not written as `Ns`/`Nm`/`Nh` or `N`/`NKB`/`NMB`.')
# --- reference ---------------------------------------------------------------------------------
_c('SG200', 'unknown-model', E, C.REFERENCE, 'A reference names a model that no spec declares.')
_c('SG201', 'unknown-column', E, C.REFERENCE, 'A reference names a column that the model does not have.')
_c('SG202', 'foreign-key-type-mismatch', E, C.REFERENCE, "A foreign key column's type differs from the referenced column's.")
_c('SG203', 'foreign-key-target-not-unique', E, C.REFERENCE, 'A foreign key references columns that are not a primary key or unique.')
_c('SG204', 'unknown-config', E, C.REFERENCE, 'A column names a config that no spec declares.')
_c('SG205', 'config-on-non-jsonb', E, C.REFERENCE, '`config:` is set on a column that is not jsonb.')
_c('SG206', 'duplicate-constraint-name', E, C.REFERENCE, 'Two indexes or constraints of the same model have the same name.')
_c('SG207', 'missing-primary-key', W, C.INTEGRITY, 'A model has no primary key.')
_c('SG208', 'invalid-key-template', E, C.CACHE, 'A cache key template is malformed.')
# --- cache -------------------------------------------------------------------------------------
_c('SG500', 'critical-data-cached', E, C.CACHE, 'A cache policy caches critical data.')
_c('SG501', 'cache-ttl-missing', E, C.CACHE, 'A non-critical cache policy gives no TTL.')
_c('SG502', 'cache-key-prefix-overlap', E, C.CACHE, "A cache policy's key prefix starts with another policy's key prefix.")
_c('SG503', 'cache-ttl-out-of-range', E, C.CACHE, 'A cache TTL is shorter than 1s or longer than 30 days.')
_c('SG504', 'cache-chunk-size-out-of-range', E, C.CACHE, 'A cache chunk size is smaller than 1KB or larger than 64MB.')
_c('SG505', 'cache-key-ambiguous', E, C.CACHE, 'A cache key template could give two rows the same key, or has no prefix.')
# --- config ------------------------------------------------------------------------------------
_c('SG600', 'config-not-jsonb-object', W, C.CONFIG, 'A config schema does not describe a JSON object.')
_c('SG601', 'config-upgrade-unknown-key', E, C.CONFIG, 'An upgrade step names a key that the previous version does not define.')
_c('SG640', 'config-keyword-unsupported', E, C.CONFIG, 'A config schema uses a keyword the generated validators cannot enforce exactly.')
_c('SG641', 'config-version-key-conflict', E, C.CONFIG, "A column's config version key is also a property of the config.")
_c('SG614', 'config-default-invalid', E, C.CONFIG, "A jsonb column's default is not a document of its config's latest version, stamped with that version.")
# --- integrity ---------------------------------------------------------------------------------
_c('SG800', 'generated-stale', E, C.INTEGRITY, 'generated/ does not match the specs: run `specguard compile`.')
_c('SG801', 'released-migration-edited', E, C.INTEGRITY, 'A released migration was edited, removed or reordered.')
_c('SG803', 'migration-history-corrupt', E, C.INTEGRITY, 'The migration checksum file is missing or malformed.')
_c('SG805', 'acceptance-added', INFO, C.INTEGRITY, 'An acceptance was recorded since the base revision: a reviewer should confirm it.')
_c('SG806', 'released-record-changed', E, C.INTEGRITY, 'Released history was rewritten since the base revision: a migration, a checksum line, a config version or an acceptance.')
# --- drift -------------------------------------------------------------------------------------
_c('SG900', 'drift-missing', E, C.DRIFT, 'An object the specs declare is missing from the database.')
_c('SG901', 'drift-unexpected', E, C.DRIFT, 'The database has an object that the specs do not declare.')
_c('SG902', 'drift-mismatch', E, C.DRIFT, 'An object differs between the database and the specs.')
_c('SG903', 'invalid-index', E, C.DRIFT, 'An index is INVALID (a failed CREATE INDEX CONCURRENTLY left it behind).')
_c('SG904', 'migration-failed', E, C.DRIFT, 'A migration failed when replayed on the scratch database.')

CODES: dict[str, Code] = {c.code: c for c in _CODES}


def diag(
    code: str,
    message: str,
    span: Span | None = None,
    *,
    hint: str | None = None,
    target: str | None = None,
    severity: Severity | None = None,
    notes: tuple[str, ...] = (),
) -> Diagnostic:
    """Build a diagnostic for a code of this table; severity and category come from the table.

    Rules build theirs with ``RULE.diag`` instead (``specguard.compiler.rules.base.Rule``).
    """
    c = CODES[code]
    return Diagnostic(
        code=code,
        severity=severity or c.severity,
        category=c.category,
        message=message,
        span=span,
        hint=hint,
        target=target,
        notes=notes,
    )
