-- migration: add_usage_tracking (transactional)
-- specguard: schema changes, in one transaction
--   create table ApiKey
--   create index ApiKey.ApiKey_userId_idx
--   add column Companion.slug
--   add column Companion.rating
--   add column Message.publicId
--   add column Message.tokensUsed
--   add column Message.editedAt
--   add column UsageTransaction.messageId
--   add column User.handle
--   add foreign key ApiKey.ApiKey_userId_fkey
--   add foreign key UsageTransaction.UsageTransaction_messageId_fkey
--   add check UserUsage.total_burned_nonnegative
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE IF NOT EXISTS "ApiKey" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "userId" uuid NOT NULL,
    "hash" bytea NOT NULL,
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    "expiresAt" timestamptz,
    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ApiKey_hash_key" UNIQUE ("hash")
);

CREATE INDEX IF NOT EXISTS "ApiKey_userId_idx" ON "ApiKey" ("userId");

ALTER TABLE "Companion" ADD COLUMN IF NOT EXISTS "slug" text NOT NULL;

ALTER TABLE "Companion" ADD COLUMN IF NOT EXISTS "rating" numeric(3,1) NOT NULL DEFAULT 0;

ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "publicId" uuid;

ALTER TABLE "Message" ALTER COLUMN "publicId" SET DEFAULT gen_random_uuid();

ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "tokensUsed" bigint;

ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "editedAt" timestamptz;

ALTER TABLE "UsageTransaction" ADD COLUMN IF NOT EXISTS "messageId" uuid;

ALTER TABLE "User" ADD COLUMN IF NOT EXISTS "handle" text;

ALTER TABLE "Message" ADD CONSTRAINT "Message_publicId_not_null_check" CHECK ("publicId" IS NOT NULL) NOT VALID;

ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE;

ALTER TABLE "UsageTransaction" ADD CONSTRAINT "UsageTransaction_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE SET NULL NOT VALID;

ALTER TABLE "UserUsage" ADD CONSTRAINT "total_burned_nonnegative" CHECK ("totalBurned" >= 0) NOT VALID;

-- migration: add_usage_tracking_backfill_Message_publicId (non-transactional)
-- specguard: give Message.publicId its default where it is NULL, in batches that each commit (alone: a DO block that commits per batch must be its file's only statement)
--   add column Message.publicId

DO $specguard$
#variable_conflict use_column
<<specguard_backfill>>
DECLARE
  total bigint := 0;
  n bigint;
  last_0 uuid;
  upto_0 uuid;
BEGIN
  LOOP
    PERFORM set_config('lock_timeout', '5s', true);
    PERFORM set_config('statement_timeout', '60s', true);
    SELECT "id" INTO specguard_backfill.upto_0 FROM (
      SELECT "id" FROM "Message" WHERE (specguard_backfill.last_0 IS NULL OR "id" > specguard_backfill.last_0) ORDER BY "id" LIMIT 1000
    ) AS batch ORDER BY "id" DESC LIMIT 1;
    EXIT WHEN specguard_backfill.upto_0 IS NULL;
    UPDATE "Message" SET "publicId" = gen_random_uuid()
      WHERE (specguard_backfill.last_0 IS NULL OR "id" > specguard_backfill.last_0) AND "id" <= specguard_backfill.upto_0 AND ("publicId" IS NULL);
    GET DIAGNOSTICS specguard_backfill.n = ROW_COUNT;
    specguard_backfill.total := specguard_backfill.total + specguard_backfill.n;
    specguard_backfill.last_0 := specguard_backfill.upto_0;
    RAISE NOTICE 'specguard backfill Message (publicId := default): % rows updated', specguard_backfill.total;
    COMMIT;
  END LOOP;
END
$specguard$;

-- migration: add_usage_tracking_idx_GroupMessage_human_recent (non-transactional)
-- specguard: create index GroupMessage.GroupMessage_human_recent_idx without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   create index GroupMessage.GroupMessage_human_recent_idx

CREATE INDEX CONCURRENTLY IF NOT EXISTS "GroupMessage_human_recent_idx" ON "GroupMessage" ("groupChatId", "createdAt") WHERE NOT "isBot";

-- migration: add_usage_tracking_idx_UsageTransaction_messageId (non-transactional)
-- specguard: create index UsageTransaction.UsageTransaction_messageId_idx without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   create index UsageTransaction.UsageTransaction_messageId_idx

CREATE INDEX CONCURRENTLY IF NOT EXISTS "UsageTransaction_messageId_idx" ON "UsageTransaction" ("messageId");

-- migration: add_usage_tracking_key_User_handle (non-transactional)
-- specguard: build the unique index of User.User_handle_key without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   add unique User.User_handle_key

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "User_handle_key" ON "User" ("handle");

-- migration: add_usage_tracking_validate (transactional)
-- specguard: validate constraints added NOT VALID, then SET NOT NULL, attach and swap keys
--   add foreign key UsageTransaction.UsageTransaction_messageId_fkey
--   add check UserUsage.total_burned_nonnegative
--   add column Message.publicId
--   add unique User.User_handle_key
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';

ALTER TABLE "UsageTransaction" VALIDATE CONSTRAINT "UsageTransaction_messageId_fkey";

ALTER TABLE "UserUsage" VALIDATE CONSTRAINT "total_burned_nonnegative";

ALTER TABLE "Message" VALIDATE CONSTRAINT "Message_publicId_not_null_check";

ALTER TABLE "Message" ALTER COLUMN "publicId" SET NOT NULL;

ALTER TABLE "Message" DROP CONSTRAINT IF EXISTS "Message_publicId_not_null_check";

ALTER TABLE "User" ADD CONSTRAINT "User_handle_key" UNIQUE USING INDEX "User_handle_key";
