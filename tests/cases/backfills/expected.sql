-- migration: fill_columns (transactional)
-- specguard: schema changes, in one transaction
--   add column Item.addedAt
--   add column Ledger.entryId
--   set default Note.body
--   set not null Note.body
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE "Item" ADD COLUMN IF NOT EXISTS "addedAt" timestamptz;

ALTER TABLE "Item" ALTER COLUMN "addedAt" SET DEFAULT clock_timestamp();

ALTER TABLE "Ledger" ADD COLUMN IF NOT EXISTS "entryId" uuid;

ALTER TABLE "Ledger" ALTER COLUMN "entryId" SET DEFAULT gen_random_uuid();

ALTER TABLE "Note" ALTER COLUMN "body" SET DEFAULT '';

ALTER TABLE "Note" ADD CONSTRAINT "Note_body_not_null_check" CHECK ("body" IS NOT NULL) NOT VALID;

ALTER TABLE "Item" ADD CONSTRAINT "Item_addedAt_not_null_check" CHECK ("addedAt" IS NOT NULL) NOT VALID;

ALTER TABLE "Ledger" ADD CONSTRAINT "Ledger_entryId_not_null_check" CHECK ("entryId" IS NOT NULL) NOT VALID;

-- migration: fill_columns_backfill_Item_addedAt (non-transactional)
-- specguard: give Item.addedAt its default where it is NULL, in batches that each commit (alone: a DO block that commits per batch must be its file's only statement)
--   add column Item.addedAt

DO $specguard$
#variable_conflict use_column
<<specguard_backfill>>
DECLARE
  total bigint := 0;
  n bigint;
  last_0 bigint;
  upto_0 bigint;
BEGIN
  LOOP
    PERFORM set_config('lock_timeout', '5s', true);
    PERFORM set_config('statement_timeout', '60s', true);
    SELECT "id" INTO specguard_backfill.upto_0 FROM (
      SELECT "id" FROM "Item" WHERE (specguard_backfill.last_0 IS NULL OR "id" > specguard_backfill.last_0) ORDER BY "id" LIMIT 1000
    ) AS batch ORDER BY "id" DESC LIMIT 1;
    EXIT WHEN specguard_backfill.upto_0 IS NULL;
    UPDATE "Item" SET "addedAt" = clock_timestamp()
      WHERE (specguard_backfill.last_0 IS NULL OR "id" > specguard_backfill.last_0) AND "id" <= specguard_backfill.upto_0 AND ("addedAt" IS NULL);
    GET DIAGNOSTICS specguard_backfill.n = ROW_COUNT;
    specguard_backfill.total := specguard_backfill.total + specguard_backfill.n;
    specguard_backfill.last_0 := specguard_backfill.upto_0;
    RAISE NOTICE 'specguard backfill Item (addedAt := default): % rows updated', specguard_backfill.total;
    COMMIT;
  END LOOP;
END
$specguard$;

-- migration: fill_columns_backfill_Ledger_entryId (non-transactional)
-- specguard: give Ledger.entryId its default where it is NULL, in batches that each commit (alone: a DO block that commits per batch must be its file's only statement)
--   add column Ledger.entryId

DO $specguard$
#variable_conflict use_column
<<specguard_backfill>>
DECLARE
  total bigint := 0;
  n bigint;
  last_0 uuid;
  upto_0 uuid;
  last_1 bigint;
  upto_1 bigint;
BEGIN
  LOOP
    PERFORM set_config('lock_timeout', '5s', true);
    PERFORM set_config('statement_timeout', '60s', true);
    SELECT "accountId", "seq" INTO specguard_backfill.upto_0, specguard_backfill.upto_1 FROM (
      SELECT "accountId", "seq" FROM "Ledger" WHERE (specguard_backfill.last_0 IS NULL OR ("accountId", "seq") > (specguard_backfill.last_0, specguard_backfill.last_1)) ORDER BY "accountId", "seq" LIMIT 1000
    ) AS batch ORDER BY "accountId" DESC, "seq" DESC LIMIT 1;
    EXIT WHEN specguard_backfill.upto_0 IS NULL;
    UPDATE "Ledger" SET "entryId" = gen_random_uuid()
      WHERE (specguard_backfill.last_0 IS NULL OR ("accountId", "seq") > (specguard_backfill.last_0, specguard_backfill.last_1)) AND ("accountId", "seq") <= (specguard_backfill.upto_0, specguard_backfill.upto_1) AND ("entryId" IS NULL);
    GET DIAGNOSTICS specguard_backfill.n = ROW_COUNT;
    specguard_backfill.total := specguard_backfill.total + specguard_backfill.n;
    specguard_backfill.last_0 := specguard_backfill.upto_0;
    specguard_backfill.last_1 := specguard_backfill.upto_1;
    RAISE NOTICE 'specguard backfill Ledger (entryId := default): % rows updated', specguard_backfill.total;
    COMMIT;
  END LOOP;
END
$specguard$;

-- migration: fill_columns_backfill_Note_body (non-transactional)
-- specguard: give Note.body its default where it is NULL, in batches that each commit (alone: a DO block that commits per batch must be its file's only statement)
--   set not null Note.body

DO $specguard$
#variable_conflict use_column
<<specguard_backfill>>
DECLARE
  total bigint := 0;
  n bigint;
BEGIN
  LOOP
    PERFORM set_config('lock_timeout', '5s', true);
    PERFORM set_config('statement_timeout', '60s', true);
    UPDATE "Note" SET "body" = ''
      WHERE ctid = ANY (ARRAY(SELECT ctid FROM "Note" WHERE ("body" IS NULL) LIMIT 1000
                              FOR UPDATE SKIP LOCKED));
    GET DIAGNOSTICS specguard_backfill.n = ROW_COUNT;
    specguard_backfill.total := specguard_backfill.total + specguard_backfill.n;
    RAISE NOTICE 'specguard backfill Note (body := default): % rows updated', specguard_backfill.total;
    COMMIT;
    EXIT WHEN specguard_backfill.n = 0;
  END LOOP;
END
$specguard$;

-- migration: fill_columns_rebuild_pkey_Item (non-transactional)
-- specguard: build the new Item.Item_pkey beside the old one without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   change primary key Item.Item_pkey from (id) to (id, sku)

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Item_pkey__new" ON "Item" ("id", "sku");

-- migration: fill_columns_validate (transactional)
-- specguard: validate constraints added NOT VALID, then SET NOT NULL, attach and swap keys
--   set not null Note.body
--   add column Item.addedAt
--   add column Ledger.entryId
--   change primary key Item.Item_pkey from (id) to (id, sku)
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';

ALTER TABLE "Note" VALIDATE CONSTRAINT "Note_body_not_null_check";

ALTER TABLE "Note" ALTER COLUMN "body" SET NOT NULL;

ALTER TABLE "Note" DROP CONSTRAINT IF EXISTS "Note_body_not_null_check";

ALTER TABLE "Item" VALIDATE CONSTRAINT "Item_addedAt_not_null_check";

ALTER TABLE "Item" ALTER COLUMN "addedAt" SET NOT NULL;

ALTER TABLE "Item" DROP CONSTRAINT IF EXISTS "Item_addedAt_not_null_check";

ALTER TABLE "Ledger" VALIDATE CONSTRAINT "Ledger_entryId_not_null_check";

ALTER TABLE "Ledger" ALTER COLUMN "entryId" SET NOT NULL;

ALTER TABLE "Ledger" DROP CONSTRAINT IF EXISTS "Ledger_entryId_not_null_check";

ALTER TABLE "Item" DROP CONSTRAINT IF EXISTS "Item_pkey", ADD CONSTRAINT "Item_pkey" PRIMARY KEY USING INDEX "Item_pkey__new";
