"""The documentation of every diagnostic code, printed by ``specguard explain`` and put in SARIF rules.

Each doc has four parts, in the style of ruff's and squawk's rule pages: what it does, why it matters,
an example, and what to use instead. Kept apart from the registry (codes.py) so the ``check`` path
never loads these texts.
"""

DOCS: dict[str, str] = {
    "SG001": """
## What it does
Stops the command when the spec root (`specs/` by default, or the directory given with `--specs` or
`[tool.specguard] specs` in `pyproject.toml`) does not exist or holds no `*.yaml`/`*.yml` file.

## Why it matters
A check that finds nothing to check would pass, so a typo in a path would quietly turn the pre-commit
hook and the CI gate into no-ops. specguard treats it as a usage error (exit code 2) instead.

## Example
```sh
specguard check --specs spec/
```

## Use instead
Point specguard at the directory that holds the specs, once, in `pyproject.toml`
(`[tool.specguard] specs = "specs"`), or run `specguard init` to scaffold `specs/` in a new repository.
""".strip(),
    "SG002": """
## What it does
Reports that `verify` or `drift` could not connect to PostgreSQL, or could connect but not do what it
needs: read the catalog, or create and drop the scratch database of a shadow replay. The URL is shown
with its password masked.

## Why it matters
A comparison with a database that cannot be read proves nothing. Reporting "no drift" in that case
would be a false all-clear, so specguard stops with exit code 2.

## Example
```sh
specguard drift --database-url postgresql://app:****@db.internal:5432/app
# connection refused, or: permission denied to create database
```

## Use instead
Check host, port and network access, and that the role may connect and read `pg_catalog`; for
`verify`, that it may `CREATE DATABASE`, or leave out `--database-url` to use the embedded server.
Pass credentials through the environment (`SHADOW_DATABASE_URL`, `PGPASSWORD`), never in a spec.
""".strip(),
    "SG003": """
## What it does
Rejects a command-line option whose value specguard does not accept: an unknown `--format`, an
`--accept` that is not `CODE:TARGET`, an `--accept` without `--reason`, or an unknown code given to
`specguard explain`.

## Why it matters
Guessing at a misspelt option could switch a gate off without anyone noticing, for instance by printing
text where CI expected SARIF, or by accepting a destructive change for a target nobody reviewed.

## Example
```sh
specguard compile --accept SG301 --reason "notes moved to knowledgeConfig"
```

## Use instead
Name the code and the exact target the finding printed, and say why:
`specguard compile --accept SG301:Companion.legacyNotes --reason "notes moved to knowledgeConfig"`.
""".strip(),
    "SG004": """
## What it does
Reports that `specguard check --base GITREF` could not read the base revision: the ref does not
exist, the commit is missing from a shallow clone, or the directory is not a git repository.

## Why it matters
Without the base, the changes of a pull request cannot be classified. Passing anyway would let a
destructive or incompatible change through the gate, so the check stops with exit code 2.

## Example
```yaml
# .github/workflows/specguard.yml
- uses: actions/checkout@v4          # fetch-depth 1: origin/main is not there
- run: specguard check --base origin/main --format github
```

## Use instead
Fetch the base before the check (`fetch-depth: 0` on the checkout step, or
`git fetch origin main`), and confirm the ref with `git rev-parse --verify origin/main`.
""".strip(),
    "SG100": """
## What it does
Reports a file that the YAML parser cannot read: a flow mapping or quote left open, inconsistent
indentation, a tab used for indentation, a key without its colon. The position is where the parser
gave up, which is often just after the real mistake.

## Why it matters
Nothing in a file can be checked until it parses, so one syntax error hides every other problem in
that file.

## Example
```yaml
columns:
  id:   {type: uuid, primary_key: true
  name: {type: text}
```

## Use instead
Close what was opened and indent with spaces only:
`id: {type: uuid, primary_key: true}`. An editor with YAML support (and `specguard schema` for
completion) shows such mistakes as you type.
""".strip(),
    "SG101": """
## What it does
Reports a spec file whose bytes are not valid UTF-8, such as a file saved as Latin-1 or UTF-16 by an
editor or a tool.

## Why it matters
Spec text flows into SQL comments, identifiers and generated Python. Guessing an encoding would make
the compiled output depend on the machine that compiled it, and generated files must be identical
byte for byte everywhere.

## Example
```yaml
kind: model
name: Cafe
description: Café orders   # saved as Latin-1: the é is the single byte 0xE9
```

## Use instead
Re-save the file as UTF-8 (`iconv -f latin1 -t utf-8 in.yaml > out.yaml`) and pin the encoding for
everyone with `charset = utf-8` in `.editorconfig`.
""".strip(),
    "SG102": """
## What it does
Reports a mapping that holds the same key twice, for example two columns of the same name in one
model.

## Why it matters
YAML loaders keep the last value and drop the first without a word, so the definition you edited may
be the one that is silently ignored.

## Example
```yaml
columns:
  name:  {type: text}
  email: {type: text}
  name:  {type: varchar(80)}
```

## Use instead
Keep one definition per key. To give a column a new name, change the key and record the old one with
`renamed_from: name`.
""".strip(),
    "SG103": """
## What it does
Reports an explicit YAML tag, such as `!!float`, `!!binary`, `!!python/object` or a custom `!Ref`.

## Why it matters
Specs are plain data. A tag either changes a value's type in a way a reader does not see, or asks a
loader to build objects, which unsafe loaders turn into code execution. A spec should mean the same
to every tool that reads it.

## Example
```yaml
tokensBurned: {type: bigint, default: !!float 0}
```

## Use instead
Write the value itself, and quote it when it must be a string:
`default: 0`, or `default: "0"` for a text column.
""".strip(),
    "SG104": """
## What it does
Stops reading a file that uses too many aliases, nests too deeply or is too large. The limits are far
above anything a real spec needs.

## Why it matters
Aliases that refer to aliases multiply: a few hundred bytes can expand into gigabytes in memory (the
"billion laughs" pattern) and hang a pre-commit hook or a CI job. Deep nesting exhausts the parser the
same way.

## Example
```yaml
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
```

## Use instead
Write values out instead of building them from aliases, and split a large spec into one file per
model, enum, config version or cache policy.
""".strip(),
    "SG105": """
## What it does
Reports a document that has no `kind`, or a kind specguard does not know. The kinds are `model`,
`enum`, `config` and `cache_policy`.

## Why it matters
The kind decides how the rest of the document is read. Guessing it would turn one clear mistake into
a list of confusing ones about every other key.

## Example
```yaml
kind: table
name: Companion
```

## Use instead
```yaml
kind: model
name: Companion
```
""".strip(),
    "SG106": """
## What it does
Reports a key that the spec format does not define at that place, with the closest known key as a
hint.

## Why it matters
A misspelt key that was silently ignored would change the schema: `nulable: true` leaves the column
`NOT NULL`, and the mistake surfaces only when inserts start failing.

## Example
```yaml
columns:
  nickname: {type: text, nulable: true}
```

## Use instead
```yaml
columns:
  nickname: {type: text, nullable: true}
```
""".strip(),
    "SG107": """
## What it does
Reports a value of the wrong type or out of range: a string where a list belongs, `on_delete: delete`,
`varchar(0)`, an index method that does not exist, a config version below 1.

## Why it matters
Such a value would produce SQL that fails when the migration runs, or worse, SQL that runs and means
something else than the author intended.

## Example
```yaml
foreign_keys:
  - columns: [userId]
    references: {model: User, columns: [id]}
    on_delete: delete
```

## Use instead
Use one of the documented values: `on_delete: cascade` (or `restrict`, `set_null`, `no_action`).
""".strip(),
    "SG108": """
## What it does
Reports a required key that is missing: `name` on any document, `columns` on a model, `type` on a
column, `values` on an enum, `version` and `schema` on a config, `model` and `key` on a cache policy.

## Why it matters
specguard does not invent names or types. A default chosen for you would be baked into a migration
that is hard to take back.

## Example
```yaml
columns:
  nickname: {nullable: true}
```

## Use instead
```yaml
columns:
  nickname: {type: text, nullable: true}
```
""".strip(),
    "SG109": """
## What it does
Reports a model, column, enum, index, config or policy name that is not an identifier: letters,
digits and `_`, starting with a letter, at most 63 bytes.

## Why it matters
PostgreSQL cuts identifiers longer than 63 bytes (NAMEDATALEN - 1) without an error, so the catalog
would hold another name than the spec, and two long names can collide. Names with dashes or spaces
must be quoted in every client, ORM and generated module. Non-ASCII letters take several bytes each.

## Example
```yaml
columns:
  user-id: {type: uuid}
```

## Use instead
```yaml
columns:
  userId: {type: uuid}
```
""".strip(),
    "SG110": """
## What it does
Reports a column type that is neither one of the built-in types (`text`, `varchar(N)`, `integer`,
`bigint`, `numeric(P,S)`, `timestamptz`, `jsonb`, …, and arrays of them) nor the name of a
`kind: enum`.

## Why it matters
Each spec type maps to exactly one PostgreSQL type and one Pydantic type. Accepting loose aliases such
as `int`, `string` or `datetime` would hide real decisions, like `timestamp` against `timestamptz`.

## Example
```yaml
createdAt: {type: datetime}
```

## Use instead
```yaml
createdAt: {type: timestamptz, default: {sql: now()}}
```
For a fixed set of values, declare a `kind: enum` and use its name as the type.
""".strip(),
    "SG111": """
## What it does
Parses every SQL fragment (`default: {sql: ...}`, an index's `where`, a check's `expression`) with
PostgreSQL's own parser and reports one that is not exactly one expression: a syntax error, a `;`, a
second statement, a subquery.

## Why it matters
Fragments are copied into migrations that run with the privileges of the migration role. A fragment
that smuggles in a second statement is SQL injection into your own schema; one with a syntax error
fails only at deploy time.

## Example
```yaml
createdAt: {type: timestamptz, default: {sql: "now(); DELETE FROM audit_log"}}
```

## Use instead
```yaml
createdAt: {type: timestamptz, default: {sql: now()}}
```
Data changes belong in a reviewed data migration, not in a default.
""".strip(),
    "SG112": """
## What it does
Reports a value that looks like a credential: a URL with a password in it, or a token-shaped string
(API keys, access tokens) in a default, a description or any other field.

## Why it matters
Specs are committed and compiled into migrations and generated code, so a secret in one spreads to
git history, CI logs and every generated file. Once pushed, rotating it is the only fix.

## Example
```yaml
description: "Synced from postgresql://sync:fake-password@replica.example.invalid/app"
```

## Use instead
Keep credentials in the environment or a secret manager and refer to them by name:
`description: "Synced from the replica named by REPLICA_DATABASE_URL"`.
""".strip(),
    "SG113": """
## What it does
Warns about a spec file, or a `---` document in one, that holds nothing but whitespace and comments.

## Why it matters
Empty documents are usually left over from a move or an editing accident. They are harmless by
themselves, but a spec file that was emptied by mistake means its model is gone, and that shows up
next as a dropped table.

## Example
```yaml
kind: enum
name: MessageRole
values: [user, assistant, system]
---
```

## Use instead
Remove the trailing `---`, and delete spec files that are meant to be empty.
""".strip(),
    "SG114": """
## What it does
Reports two specs that define the same name: two models called `Companion`, two enums of one name, or
the same version of a config written twice.

## Why it matters
Which definition wins would depend on the order in which files are read, so the compiled schema could
change when a file is renamed.

## Example
```yaml
# specs/models/companion.yaml and specs/models/companion_v2.yaml both say:
kind: model
name: Companion
```

## Use instead
Keep one definition per name. To rename a model, change its `name` and record the old one with
`renamed_from: Companion`.
""".strip(),
    "SG115": """
## What it does
Checks a config's `schema` against the JSON Schema draft 2020-12 meta-schema and reports what is not
valid there: an unknown `type` name, `required` that is not a list, a `minimum` written as a string.

## Why it matters
The schema is compiled into Pydantic validators and JSON Schema files, and every new version is
compared with the previous one. An invalid schema can be neither compiled nor compared.

## Example
```yaml
schema:
  type: object
  properties:
    verbosity: {type: int, minimum: 1}
```

## Use instead
```yaml
schema:
  type: object
  properties:
    verbosity: {type: integer, minimum: 1}
```
""".strip(),
    "SG116": """
## What it does
Reports a column default that does not fit the column's type: text on an integer column, a mapping on
a text column, a value that is not one of the enum's values, a scalar on an array column, a number
outside the type's range.

## Why it matters
PostgreSQL would reject such a default only when the migration runs, on every environment in turn,
and the generated Pydantic validators use the same default, so a bad one breaks inserts from the
application as well.

## Example
```yaml
version: {type: integer, default: "one"}
```

## Use instead
Give a literal of the column's type (`default: 1`), or an expression with `default: {sql: ...}`.
""".strip(),
    "SG117": """
## What it does
Reports the versions of a config that do not run 1, 2, 3 … without gaps, for instance `v1.yaml` and
`v3.yaml` with no version 2, or a first version other than 1.

## Why it matters
Each version is checked against the one before it, and the generated upgraders chain version N-1 to
version N. A gap breaks the chain: documents stored under the older version could no longer be
upgraded to the latest.

## Example
```yaml
# specs/configs/personality_config/v3.yaml, with no v2.yaml beside it
kind: config
name: personality_config
version: 3
```

## Use instead
Number the new version 2. Every version, released or not, keeps its own file.
""".strip(),
    "SG118": """
## What it does
Reports a duration or size that is not written as `Ns`, `Nm`, `Nh` (durations) or `N`, `NKB`, `NMB`
(sizes): `5 minutes`, `5min`, `1.5m`, a bare `300` for a TTL, `1GB`.

## Why it matters
A TTL misread by a factor of 60 is a cache bug nobody sees until users get stale data. With the unit
always written out, the number means one thing only.

## Example
```yaml
ttl: {anonymous: 5min, authenticated: 60}
```

## Use instead
```yaml
ttl: {anonymous: 300s, authenticated: 60s}
```
""".strip(),
    "SG200": """
## What it does
Reports a model name that no spec declares, where a foreign key's `references`, a cache policy's
`model` or its `invalidate_on` list names one. Model names are case-sensitive.

## Why it matters
A foreign key to a table that does not exist fails when the migration runs. A cache policy that
listens to writes on a model that does not exist is never invalidated and keeps serving stale data.

## Example
```yaml
references: {model: user, columns: [id]}
```

## Use instead
```yaml
references: {model: User, columns: [id]}
```
""".strip(),
    "SG201": """
## What it does
Reports a column name that the model does not have, where an index, a unique constraint, either side
of a foreign key or a cache key placeholder names one.

## Why it matters
The migration would fail on the missing column, or a key builder could not be generated. Column names
keep their case, so `companionID` and `companionId` are different columns.

## Example
```yaml
indexes:
  - columns: [companionID, createdAt]
```

## Use instead
```yaml
indexes:
  - columns: [companionId, createdAt]
```
""".strip(),
    "SG202": """
## What it does
Reports a foreign key whose column type differs from the type of the column it references, such as
`text` pointing at `uuid`, or `integer` pointing at `bigint`.

## Why it matters
PostgreSQL refuses a foreign key between types it cannot compare with an equality operator
(`uuid` and `text`), and between types it can compare (`integer` and `bigint`) joins need a cross-type
comparison and the referencing column cannot hold every value of the referenced one.

## Example
```yaml
columns:
  userId: {type: text}
foreign_keys:
  - columns: [userId]
    references: {model: User, columns: [id]}   # User.id is uuid
```

## Use instead
```yaml
columns:
  userId: {type: uuid}
```
""".strip(),
    "SG203": """
## What it does
Reports a foreign key that references columns which are neither the primary key of the target model
nor one of its unique constraints.

## Why it matters
A row must reference at most one target row, so PostgreSQL requires the referenced columns to be
unique and refuses the constraint otherwise ("there is no unique constraint matching given keys").

## Example
```yaml
references: {model: User, columns: [email]}   # User.email is not unique
```

## Use instead
Reference the primary key (`columns: [id]`), or declare the target unique first
(`unique: [[email]]` on `User`).
""".strip(),
    "SG204": """
## What it does
Reports a `jsonb` column whose `config: NAME` names a config that no spec declares.

## Why it matters
The author meant the column's documents to be validated and versioned. With the name unresolved, the
column would be accepted as free-form JSON and nothing would guard what is stored in it.

## Example
```yaml
personalityConfig: {type: jsonb, nullable: true, config: personality_cfg}
```

## Use instead
Name a declared config (`config: personality_config`), and declare it as
`specs/configs/personality_config/v1.yaml` if it does not exist yet.
""".strip(),
    "SG205": """
## What it does
Reports `config:` set on a column whose type is not `jsonb`.

## Why it matters
Config columns are upgraded in the database with `jsonb` functions such as `jsonb_set`, and compared
as parsed documents. A `json` or `text` column keeps the raw text (duplicate keys, key order,
whitespace) and has none of those functions.

## Example
```yaml
toolConfig: {type: json, config: tool_config}
```

## Use instead
```yaml
toolConfig: {type: jsonb, config: tool_config}
```
""".strip(),
    "SG206": """
## What it does
Reports two indexes or constraints of the same model that end up with the same name, whether written
out or derived from PostgreSQL's `<table>_<col>_idx` convention, for example two indexes on the same
columns of which one is partial.

## Why it matters
An index name is unique per schema, and a unique or primary-key constraint creates an index of its own
name. The second statement would fail, or, with `IF NOT EXISTS`, be skipped without a word, leaving
the index you declared unbuilt.

## Example
```yaml
indexes:
  - columns: [createdAt]
  - columns: [createdAt]
    where: '"isPublic"'
```

## Use instead
```yaml
indexes:
  - columns: [createdAt]
  - name: Companion_public_recent_idx
    columns: [createdAt]
    where: '"isPublic"'
```
""".strip(),
    "SG207": """
## What it does
Warns about a model that has no primary key column.

## Why it matters
Without a primary key a row cannot be addressed reliably: ORMs such as Prisma require one, foreign
keys have nothing to reference, a table in a logical replication publication rejects updates and
deletes until it has a replica identity, and duplicate rows creep in unnoticed.

## Example
```yaml
kind: model
name: AuditEntry
columns:
  action: {type: text}
  at:     {type: timestamptz, default: {sql: now()}}
```

## Use instead
```yaml
columns:
  id:     {type: uuid, primary_key: true, default: {sql: gen_random_uuid()}}
  action: {type: text}
  at:     {type: timestamptz, default: {sql: now()}}
```
""".strip(),
    "SG208": """
## What it does
Reports a cache key template that cannot be parsed: unbalanced braces, an empty placeholder, or a
placeholder that is not an identifier.

## Why it matters
Key builders are generated from the template, and invalidation clears keys by their literal prefix.
A malformed template could build the same key for different rows, serving one row's data for
another, or keys that invalidation never reaches.

## Example
```yaml
key: "companion:{id"
```

## Use instead
```yaml
key: "companion:{id}"
```
""".strip(),
    "SG300": """
## What it does
Flags a model that is present in the compiled state (or in the `--base` revision) and missing from
the specs, so that the next migration would drop its table.

## Why it matters
`DROP TABLE` deletes every row, and only a backup brings them back. Every client that still queries
the table fails from that moment on. `compile` refuses the change unless it is accepted explicitly.

## Example
```sh
git rm specs/models/group_chat.yaml
specguard check   # SG300 drop-table: GroupChat
```

## Use instead
If the model was renamed, keep it and record the old name: `name: Conversation` with
`renamed_from: GroupChat`. If it really goes, remove every use from the application first, then
`specguard compile --accept SG300:GroupChat --reason "replaced by Conversation"`.
""".strip(),
    "SG301": """
## What it does
Flags a column that is present in the compiled state and missing from its model's spec, so that the
next migration would run `ALTER TABLE ... DROP COLUMN`.

## Why it matters
The column's values become unreachable at once (PostgreSQL frees the space only on a later rewrite,
but there is no undo), and every running client that still reads or writes the column starts failing.
`compile` refuses the change unless it is accepted explicitly.

## Example
```yaml
# legacyNotes removed from specs/models/companion.yaml
columns:
  id:   {type: uuid, primary_key: true}
  name: {type: text}
```

## Use instead
Retire the column in two releases (expand/contract): first mark it
`legacyNotes: {type: text, nullable: true, deprecated: "moved to knowledgeConfig"}` and ship code that
no longer uses it; then remove it with
`--accept SG301:Companion.legacyNotes --reason "moved to knowledgeConfig"`.
""".strip(),
    "SG302": """
## What it does
Flags the removal of a column that was not marked `deprecated` in the released compiled state.

## Why it matters
Deprecation makes the column nullable and marks it in the generated validators, so new code can stop
writing it while older code keeps working during a rolling deploy. Skipping that step breaks the
versions of the application that are still running when the migration lands.

## Example
```yaml
# released: legacyNotes: {type: text}
# now: the column is simply gone
```

## Use instead
Deprecate first and release that state:
`legacyNotes: {type: text, nullable: true, deprecated: "moved to knowledgeConfig"}`.
Remove the column in a later change and accept the drop (SG301).
""".strip(),
    "SG303": """
## What it does
Flags a column type change that can fail on existing values or change them: `bigint` to `integer`,
`text` to `varchar(n)`, a shorter `varchar`, a smaller `numeric` precision or scale, `timestamptz` to
`timestamp`, `text` to `uuid`.

## Why it matters
`ALTER COLUMN TYPE` converts every row under an ACCESS EXCLUSIVE lock and aborts on the first value
that does not fit, after possibly minutes of work; a smaller `numeric` scale rounds values instead,
and `timestamptz` to `timestamp` shifts them by the session's time zone. Clients that expect the old
type break as well.

## Example
```yaml
# was: tokensBurned: {type: bigint, default: 0}
tokensBurned: {type: integer, default: 0}
```

## Use instead
Add a new column of the new type, backfill it in batches with an explicit conversion, move readers
and writers over, then deprecate and drop the old column. If every value is known to fit, accept the
change with a reason.
""".strip(),
    "SG304": """
## What it does
Flags a value removed from an enum.

## Why it matters
PostgreSQL has no `ALTER TYPE ... DROP VALUE`: removing one means creating a new type and converting
every column that uses it, which rewrites those tables and fails on any row that still holds the
value. Clients that still write the value fail too.

## Example
```yaml
kind: enum
name: MessageRole
values: [user, assistant]   # was [user, assistant, system]
```

## Use instead
Keep the value in the enum and stop writing it in the application. If it must go, first move the rows
that hold it (`UPDATE "Message" SET role = 'assistant' WHERE role = 'system'`) in a data migration,
then accept the change with a reason.
""".strip(),
    "SG305": """
## What it does
Warns about a table or column rename (a `renamed_from`), which the migration performs with
`ALTER TABLE ... RENAME`.

## Why it matters
The rename itself is a quick catalog change, but every running client, ORM model and raw query that
uses the old name fails the moment it commits. During a rolling deploy old and new application
versions run side by side, so one of them is always wrong.

## Example
```yaml
displayName: {type: text, renamed_from: name}
```

## Use instead
Expand and contract: add the new column, write to both, backfill, move reads to the new one, then
deprecate and drop the old one. A rename is fine when every client deploys together with the
migration.
""".strip(),
    "SG306": """
## What it does
Flags an enum that is present in the compiled state and missing from the specs, so that the next
migration would drop its type.

## Why it matters
PostgreSQL refuses to drop a type that a column still uses, unless with `CASCADE`, which would drop
those columns and their data too. Functions, casts and clients that name the type break as well.

## Example
```sh
git rm specs/enums/message_role.yaml   # Message.role still has type MessageRole
```

## Use instead
First change or remove the columns that use the enum, each as its own reviewed change; then remove
the enum and accept it: `--accept SG306:MessageRole --reason "..."`.
""".strip(),
    "SG307": """
## What it does
Flags a `NOT NULL` column without a default added to a model whose table already exists.

## Why it matters
PostgreSQL cannot fill the new column for the rows already there, so `ADD COLUMN ... NOT NULL` fails
on any table that is not empty ("contains null values"). Even on an empty table, every client that
inserts rows without the new column fails afterwards.

## Example
```yaml
# added to an existing User model
locale: {type: text}
```

## Use instead
Give the column a non-volatile default, which PostgreSQL 11 and newer store in the catalog without
touching the rows (`locale: {type: text, default: en}`), or add it `nullable: true`, backfill it,
and make it required in a later change.
""".strip(),
    "SG308": """
## What it does
Flags a column of an existing table that goes from `nullable: true` to required while the specs give
it no default.

## Why it matters
The migration adds a `CHECK (col IS NOT NULL) NOT VALID` and validates it before `SET NOT NULL`:
every row that still holds NULL makes that validation fail in production, after the first migration
has already run. Clients that still write NULL, or omit the column, fail every insert afterwards.
When the column has a default, specguard backfills the NULLs with it before validating, so only
the case without a default is flagged.

## Example
```yaml
# released:  displayName: {type: text, nullable: true}
displayName: {type: text}
```

## Use instead
Give the column a default (`displayName: {type: text, default: ""}`), so old NULLs are backfilled
with it; or backfill the NULLs in an earlier, released step and accept this finding with
`--accept SG308:User.displayName --reason "backfilled in 2026-11"`.
""".strip(),
    "SG400": """
## What it does
Warns about a change that makes PostgreSQL rewrite the whole table and rebuild its indexes: most
column type changes, including `integer` to `bigint`. Changes that are binary-coercible
(`varchar(n)` to a longer `varchar` or to `text`, a larger `numeric` precision at the same scale)
do not rewrite and are not flagged.

## Why it matters
The rewrite holds an ACCESS EXCLUSIVE lock: nothing can read or write the table until it is done, and
it takes time in proportion to the table's size, minutes on a large one. Queries queue up behind it
and the application stalls.

## Example
```yaml
# was: version: {type: integer, default: 1}
version: {type: bigint, default: 1}
```

## Use instead
On a large table, add a new column, backfill it in batches, and swap it in within a short transaction.
On a small table, or in a maintenance window, accept the lock.
""".strip(),
    "SG401": """
## What it does
Warns about a new column on an existing table whose default is volatile, such as
`gen_random_uuid()`, `clock_timestamp()` or `random()`.

## Why it matters
Since PostgreSQL 11 a non-volatile default (a literal, or `now()`, which is stable) is stored once in
the catalog and the column is added instantly. A volatile default must be computed for each row, so
`ADD COLUMN` rewrites the whole table under an ACCESS EXCLUSIVE lock.

## Example
```yaml
# added to an existing Companion model
publicId: {type: uuid, default: {sql: gen_random_uuid()}}
```

## Use instead
Add the column `nullable: true` without a default, backfill it in batches
(`UPDATE "Companion" SET "publicId" = gen_random_uuid() WHERE id IN (...)`), then set the default and
make it required in a later change.
""".strip(),
    "SG500": """
## What it does
Flags a cache policy with a `ttl` on critical data: a policy marked `critical: true`, or any policy on
a model marked `critical: true`.

## Why it matters
Critical data, such as token balances and usage totals, must come from the database. A balance cached
for even a minute lets a user spend the same tokens twice or see a total that is wrong.

## Example
```yaml
kind: cache_policy
name: user_usage
model: UserUsage          # critical: true
key: "usage:{userId}"
ttl: {authenticated: 60s}
```

## Use instead
Do not cache it: drop the `ttl` (the policy then documents that the data is never cached) or remove
the policy, and read the value from the database.
""".strip(),
    "SG501": """
## What it does
Flags a cache policy on non-critical data that gives no `ttl`, or leaves out an audience.

## Why it matters
An entry without a TTL lives until it is evicted or invalidated. When an invalidation is missed, and
one always is sooner or later, stale data is served until someone flushes the cache by hand.

## Example
```yaml
kind: cache_policy
name: companion_detail
model: Companion
key: "companion:{id}"
invalidate_on: [Companion]
```

## Use instead
```yaml
ttl: {anonymous: 300s, authenticated: 60s}
```
""".strip(),
    "SG600": """
## What it does
Warns about a config schema whose top level is not an object (`type: object`): an array, a string,
or a schema without a type.

## Why it matters
Upgrade steps (`rename`, `remove`, `map_values`) and the SQL backfills generated from them address
keys of an object. A document that is not an object can only be replaced wholesale, and cannot grow
a new setting in a later version.

## Example
```yaml
schema:
  type: array
  items: {type: string}
```

## Use instead
```yaml
schema:
  type: object
  properties:
    tools: {type: array, items: {type: string}, default: []}
```
""".strip(),
    "SG601": """
## What it does
Flags an `upgrade` step (`rename`, `remove`, `map_values`) that names a key the previous version of
the config does not define.

## Why it matters
A step on a key that does not exist does nothing, so the upgrader you rely on is a no-op. It is
usually a typo, and the stored documents keep the old key and fail the new schema.

## Example
```yaml
# version 1 has the key mood
upgrade:
  rename: {mode: tone}
```

## Use instead
```yaml
upgrade:
  rename: {mood: tone}
```
""".strip(),
    "SG800": """
## What it does
Flags a `generated/` directory that differs from what `specguard compile` would write now: a spec was
changed without compiling, or a generated file was edited by hand.

## Why it matters
What is deployed are the migrations and validators in `generated/`. When they lag behind the specs,
the reviewed spec change is not what reaches the database, and the next compile mixes two changes.

## Example
```sh
$EDITOR specs/models/companion.yaml
git commit -am "add Companion.avatarUrl"   # generated/ not recompiled
```

## Use instead
Run `specguard compile` and commit `generated/` together with the spec change. Never edit generated
files by hand; change the spec instead.
""".strip(),
    "SG801": """
## What it does
Flags a migration of the released history that was edited or removed, or a new migration that sorts
before a released one.

## Why it matters
Databases that already applied a migration never run it again. Depending on the runner, the edit
is skipped there without a word, so environments drift apart, or the deploy stops on a checksum
mismatch; either way only new databases get the edited SQL.

## Example
```sh
$EDITOR generated/migrations/20240301120000_init/migration.sql
```

## Use instead
Restore the released migration (`git checkout origin/main -- generated/migrations`) and make the
change in the spec, so that `specguard compile` writes a new migration after the released ones.
""".strip(),
    "SG802": """
## What it does
Flags a released config version (one present in the compiled state) that was edited or removed.

## Why it matters
Stored documents were validated against that version and upgraders chain from it. Changing it
rewrites history: old rows may no longer validate, and validators already deployed disagree with the
new ones about the same version number.

## Example
```yaml
# specs/configs/personality_config/v1.yaml, released, edited in place
traits: {type: array, items: {type: string, maxLength: 20}}
```

## Use instead
Leave the released version as it is and add the next version (`v2.yaml`) with the change and, where
old documents need it, `upgrade` steps.
""".strip(),
    "SG803": """
## What it does
Reports that the checksum file of the migration history in `generated/` is missing, cannot be
parsed, or lists migrations that do not exist.

## Why it matters
The checksums are how specguard tells released migrations from new ones. Without them it cannot
protect the released history (SG801), so it refuses to go on.

## Example
```text
<<<<<<< HEAD
20240301120000_init = "sha256:…"
=======
```

## Use instead
Restore the file from the main branch, resolve merge conflicts by recompiling
(`specguard compile`) rather than by hand, and never edit the file directly.
""".strip(),
    "SG804": """
## What it does
Reports a config version that is part of the compiled state (it was released) but no longer appears
in the specs.

## Why it matters
Rows written while that version was current still hold documents of its shape. Without the version,
the generated upgraders cannot bring those documents to the latest version, and readers fail on
old rows.

## Example
```text
specs/configs/personality_config/v1.yaml   deleted, while generated/state.json still lists version 1
```

## Use instead
Keep every released version's file. Remove one only when no stored document can be of that version
(after a backfill upgraded them all, or when the column itself was dropped), and record that with
`specguard compile --accept SG804:personality_config@1 --reason "..."`.
""".strip(),
    "SG900": """
## What it does
Reports an object that the specs declare and the database lacks: a table, column, index, constraint,
enum or enum value.

## Why it matters
The application and the generated validators assume the object is there. Queries fail on a missing
column, and a missing unique constraint lets duplicates in. Usually a migration was not applied, or
someone dropped the object by hand.

## Example
```text
SG900 drift-missing: index "Message_companionId_createdAt_idx" is missing
```

## Use instead
Apply the pending migrations (`prisma migrate deploy` or specguard's own runner) and find out how the
object went missing; do not recreate it by hand outside a migration.
""".strip(),
    "SG901": """
## What it does
Reports an object in the database that the specs do not declare: a table, column, index or constraint
created by hand or by another tool.

## Why it matters
Unmanaged objects surprise later migrations: a name collides, or `IF NOT EXISTS` skips an index that
has the declared name but another definition. A hand-made index may also be what keeps a query fast,
and nobody knows it is there.

## Example
```sql
CREATE INDEX CONCURRENTLY "Message_userId_idx" ON "Message" ("userId");  -- during an incident
```

## Use instead
Declare the object in the spec when it should stay (and check that the definitions match), or drop
it with a reviewed migration when it should not.
""".strip(),
    "SG902": """
## What it does
Reports an object that exists both in the database and in the specs but differs: a column's type,
nullability or default, an index's columns, method or predicate, a foreign key's `on_delete`.

## Why it matters
Generated validators and application code follow the spec. A column that is nullable in the database
but required in the spec lets rows in that the application cannot load, and a different index
predicate changes which queries it serves.

## Example
```text
SG902 drift-mismatch: Companion.userId is nullable in the database, NOT NULL in the specs
```

## Use instead
Find out whether a migration failed half-way or someone changed the database by hand, and bring the
database back to the spec with a migration, or change the spec when the database is right.
""".strip(),
    "SG903": """
## What it does
Reports an index that PostgreSQL marks invalid (`pg_index.indisvalid = false`), the remains of a
`CREATE INDEX CONCURRENTLY` that failed or was cancelled.

## Why it matters
The planner never uses an invalid index, yet every write still maintains it. Re-running the migration
does not help: `CREATE INDEX CONCURRENTLY IF NOT EXISTS` sees the name and silently skips it, so the
index you declared never exists.

## Example
```sql
SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid;
```

## Use instead
Drop it and build it again, each statement on its own:
`DROP INDEX CONCURRENTLY IF EXISTS "Message_companionId_createdAt_idx";` then re-run the migration,
or rebuild in place with `REINDEX INDEX CONCURRENTLY` (PostgreSQL 12 and newer).
""".strip(),
    "SG904": """
## What it does
Reports a migration that PostgreSQL refused while `specguard verify` replayed generated/ on an empty
scratch database, with the folder, PostgreSQL's message and SQLSTATE, and the line in migration.sql.

## Why it matters
A migration that fails on an empty database will fail in production too, where it also holds locks
until it rolls back. verify replays each file exactly as `prisma migrate deploy` sends it, so a
failure here is a failure there.

## Example
```sql
-- a hand edit referencing a column that no earlier migration creates
ALTER TABLE "Companion" ADD COLUMN "x" text REFERENCES "Nope" ("id");
```

## Use instead
Never edit generated migrations by hand: change the specs and run `specguard compile`. If the
failure comes from the compiler itself, report it with the specs that produce it.
""".strip(),
}
