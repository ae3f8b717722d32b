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

-- migration: add_usage_tracking_backfill (transactional)
-- specguard: backfill columns with their defaults
--   add column Message.publicId
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';

UPDATE "Message" SET "publicId" = gen_random_uuid() WHERE "publicId" IS NULL;

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
-- specguard: validate constraints added NOT VALID, then SET NOT NULL and attach keys
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
