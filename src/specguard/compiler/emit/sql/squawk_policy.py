"""Which squawk findings the generated migrations may carry, and why (the README cites this table).

squawk (2.70) lints each generated file: transactional files with ``--assume-in-transaction``
(a file sent as one query string runs in one implicit transaction, as Prisma sends it), the
CONCURRENTLY files without it. Every other finding is a bug in the planner. Most entries are
changes that squawk bans outright and that specguard instead gates with its own rule: the
migration is only written after the change was accepted with ``--accept CODE:TARGET``.
"""

from __future__ import annotations

from dataclasses import dataclass

SQUAWK_VERSION = "2.70"
SQUAWK_PG_VERSION = "14"  # the oldest PostgreSQL specguard targets


@dataclass(frozen=True)
class Allowed:
    rule: str
    scripts: str  # "transactional", "non-transactional" or "any"
    reason: str
    gated_by: tuple[str, ...] = ()  # specguard codes that flag the same change


SQUAWK_ALLOWLIST: tuple[Allowed, ...] = (
    Allowed("require-lock-timeout", "non-transactional",
            "A CONCURRENTLY statement must be alone in its file: any SET line makes the file an implicit "
            "transaction block, where CONCURRENTLY fails. These files rely on the runner's session settings; "
            "the statement takes SHARE UPDATE EXCLUSIVE only, which blocks neither reads nor writes."),
    Allowed("require-statement-timeout", "non-transactional",
            "As require-lock-timeout: the file cannot hold a SET. A statement_timeout would also cancel a long "
            "index build and leave an INVALID index behind."),
    Allowed("adding-required-field", "transactional",
            "Written only for a required column without default that SG307 flagged and a reviewer accepted.",
            ("SG307",)),
    Allowed("ban-drop-column", "transactional",
            "Column drops are gated: SG302 unless deprecated in a released state, and SG301 even then.",
            ("SG301", "SG302")),
    Allowed("ban-drop-table", "transactional", "Table drops are gated by SG300.", ("SG300",)),
    Allowed("ban-drop-type", "transactional",
            "An enum is dropped only when the specs remove it (SG306) or after its rebuild (SG304/SG400) "
            "converted every column to the new type.",
            ("SG306", "SG304", "SG400")),
    Allowed("ban-drop-constraint", "transactional",
            "Constraints are dropped when the specs remove or redefine them (a redefined one is re-added NOT "
            "VALID and validated), and the temporary CHECK (col IS NOT NULL) is dropped once SET NOT NULL "
            "made it redundant."),
    Allowed("ban-drop-default", "transactional",
            "A default is dropped only when the specs remove it, or around a type change or an enum rebuild, "
            "where the old default might not cast and the new one is set right after."),
    Allowed("ban-drop-not-null", "transactional",
            "Making a column nullable is the expand step of expand/contract (deprecated columns become "
            "nullable); it never breaks a reader or a writer."),
    Allowed("changing-column-type", "transactional",
            "Type changes are classified by specguard: binary-coercible ones (varchar widening, varchar to "
            "text, numeric precision) are catalog-only; rewrites are SG400, narrowing or lossy ones SG303.",
            ("SG303", "SG400")),
    Allowed("renaming-column", "transactional", "Renames are declared with renamed_from and gated by SG305.",
            ("SG305",)),
    Allowed("renaming-table", "transactional", "Renames are declared with renamed_from and gated by SG305.",
            ("SG305",)),
    Allowed("renaming-object", "transactional",
            "Index and constraint names follow a renamed table or column (catalog-only, no client uses them), "
            "an enum is renamed when its spec says renamed_from (SG305), an enum rebuild renames the old type "
            "away, and a rebuilt index takes the name of the one it replaces."),
    Allowed("require-concurrent-index-deletion", "transactional",
            "Only where an index is swapped: its rebuilt replacement, built CONCURRENTLY beforehand and checked "
            "to be valid, takes its name in the same transaction that drops it, so the table is never without it; "
            "and where foreign keys lean on a unique index that goes, which must be dropped and added again around "
            "it in one transaction. The drop is catalog-only and waits at most lock_timeout for its lock."),
    Allowed("prefer-bigint-over-int", "transactional",
            "Only where a spec declares integer or smallint: the spec is the contract, and SG400 classifies a "
            "later widening to bigint honestly."),
    Allowed("prefer-text-field", "transactional",
            "Only where a spec declares varchar(N); the spec format offers text for the lock-free choice."),
)


def allowed_rules(transactional: bool) -> frozenset[str]:
    scope = "transactional" if transactional else "non-transactional"
    return frozenset(a.rule for a in SQUAWK_ALLOWLIST if a.scripts in (scope, "any"))


def squawk_args(transactional: bool) -> list[str]:
    """Flags for running squawk on one generated file."""
    args = ["--reporter", "json", "--pg-version", SQUAWK_PG_VERSION]
    return args + (["--assume-in-transaction"] if transactional else ["--no-assume-in-transaction"])
