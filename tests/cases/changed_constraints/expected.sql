-- migration: tighten_constraints (transactional)
-- specguard: schema changes, in one transaction
--   drop foreign key Message.Message_companionId_fkey
--   drop unique Companion.Companion_userId_name_key
--   drop check Companion.tokens_burned_nonnegative
--   drop primary key UsageTransaction.UsageTransaction_pkey
--   add foreign key Message.Message_companionId_fkey
--   add check Companion.tokens_burned_nonnegative
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE "Message" DROP CONSTRAINT IF EXISTS "Message_companionId_fkey";

ALTER TABLE "Companion" DROP CONSTRAINT IF EXISTS "Companion_userId_name_key";

ALTER TABLE "Companion" DROP CONSTRAINT IF EXISTS "tokens_burned_nonnegative";

ALTER TABLE "UsageTransaction" DROP CONSTRAINT IF EXISTS "UsageTransaction_pkey";

ALTER TABLE "Message" ADD CONSTRAINT "Message_companionId_fkey" FOREIGN KEY ("companionId") REFERENCES "Companion" ("id") ON DELETE RESTRICT NOT VALID;

ALTER TABLE "Companion" ADD CONSTRAINT "tokens_burned_nonnegative" CHECK ("tokensBurned" >= 0 AND version > 0) NOT VALID;

-- migration: tighten_constraints_drop_idx_Companion_public_recent (non-transactional)
-- specguard: drop index Companion.Companion_public_recent_idx without blocking reads or writes (alone: CONCURRENTLY cannot run in a transaction)
--   drop index Companion.Companion_public_recent_idx

DROP INDEX CONCURRENTLY IF EXISTS "Companion_public_recent_idx";

-- migration: tighten_constraints_drop_idx_GroupChat_creatorId_createdAt (non-transactional)
-- specguard: drop index GroupChat.GroupChat_creatorId_createdAt_idx without blocking reads or writes (alone: CONCURRENTLY cannot run in a transaction)
--   drop index GroupChat.GroupChat_creatorId_createdAt_idx

DROP INDEX CONCURRENTLY IF EXISTS "GroupChat_creatorId_createdAt_idx";

-- migration: tighten_constraints_key_Companion_userId_name_version (non-transactional)
-- specguard: build the unique index of Companion.Companion_userId_name_version_key without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   add unique Companion.Companion_userId_name_version_key

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Companion_userId_name_version_key" ON "Companion" ("userId", "name", "version");

-- migration: tighten_constraints_idx_Companion_public_recent (non-transactional)
-- specguard: create index Companion.Companion_public_recent_idx without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   create index Companion.Companion_public_recent_idx

CREATE INDEX CONCURRENTLY IF NOT EXISTS "Companion_public_recent_idx" ON "Companion" ("createdAt") WHERE "isPublic" AND version > 0;

-- migration: tighten_constraints_idx_GroupChat_creatorId_createdAt (non-transactional)
-- specguard: create index GroupChat.GroupChat_creatorId_createdAt_idx without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   create index GroupChat.GroupChat_creatorId_createdAt_idx

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "GroupChat_creatorId_createdAt_idx" ON "GroupChat" ("creatorId", "createdAt");

-- migration: tighten_constraints_pkey_UsageTransaction (non-transactional)
-- specguard: build the unique index of UsageTransaction.UsageTransaction_pkey without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   add primary key UsageTransaction.UsageTransaction_pkey

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "UsageTransaction_pkey" ON "UsageTransaction" ("id", "userId");

-- migration: tighten_constraints_validate (transactional)
-- specguard: validate constraints added NOT VALID, then SET NOT NULL and attach keys
--   add foreign key Message.Message_companionId_fkey
--   add check Companion.tokens_burned_nonnegative
--   add unique Companion.Companion_userId_name_version_key
--   add primary key UsageTransaction.UsageTransaction_pkey
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';

ALTER TABLE "Message" VALIDATE CONSTRAINT "Message_companionId_fkey";

ALTER TABLE "Companion" VALIDATE CONSTRAINT "tokens_burned_nonnegative";

ALTER TABLE "Companion" ADD CONSTRAINT "Companion_userId_name_version_key" UNIQUE USING INDEX "Companion_userId_name_version_key";

ALTER TABLE "UsageTransaction" ADD CONSTRAINT "UsageTransaction_pkey" PRIMARY KEY USING INDEX "UsageTransaction_pkey";
