-- migration: tighten_constraints (transactional)
-- specguard: schema changes, in one transaction
--   change foreign key Message.Message_companionId_fkey on delete cascade -> restrict
--   drop check Companion.tokens_burned_nonnegative
--   add check Companion.tokens_burned_nonnegative
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE "Message" DROP CONSTRAINT IF EXISTS "Message_companionId_fkey";

ALTER TABLE "Companion" DROP CONSTRAINT IF EXISTS "tokens_burned_nonnegative";

ALTER TABLE "Message" ADD CONSTRAINT "Message_companionId_fkey" FOREIGN KEY ("companionId") REFERENCES "Companion" ("id") ON DELETE RESTRICT NOT VALID;

ALTER TABLE "Companion" ADD CONSTRAINT "tokens_burned_nonnegative" CHECK ("tokensBurned" >= 0 AND version > 0) NOT VALID;

-- migration: tighten_constraints_key_Companion_userId_name_version (non-transactional)
-- specguard: build the unique index of Companion.Companion_userId_name_version_key without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   add unique Companion.Companion_userId_name_version_key

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Companion_userId_name_version_key" ON "Companion" ("userId", "name", "version");

-- migration: tighten_constraints_rebuild_idx_Companion_public_recent (non-transactional)
-- specguard: build the new Companion.Companion_public_recent_idx beside the old one without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   redefine index Companion.Companion_public_recent_idx

CREATE INDEX CONCURRENTLY IF NOT EXISTS "Companion_public_recent_idx__new" ON "Companion" ("createdAt") WHERE "isPublic" AND version > 0;

-- migration: tighten_constraints_rebuild_idx_GroupChat_creatorId_createdAt (non-transactional)
-- specguard: build the new GroupChat.GroupChat_creatorId_createdAt_idx beside the old one without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   make index GroupChat.GroupChat_creatorId_createdAt_idx unique

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "GroupChat_creatorId_createdAt_idx__new" ON "GroupChat" ("creatorId", "createdAt");

-- migration: tighten_constraints_rebuild_pkey_UsageTransaction (non-transactional)
-- specguard: build the new UsageTransaction.UsageTransaction_pkey beside the old one without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   change primary key UsageTransaction.UsageTransaction_pkey from (id) to (id, userId)

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "UsageTransaction_pkey__new" ON "UsageTransaction" ("id", "userId");

-- migration: tighten_constraints_validate (transactional)
-- specguard: validate constraints added NOT VALID, then SET NOT NULL, attach and swap keys
--   change foreign key Message.Message_companionId_fkey on delete cascade -> restrict
--   add check Companion.tokens_burned_nonnegative
--   add unique Companion.Companion_userId_name_version_key
--   drop unique Companion.Companion_userId_name_key
--   redefine index Companion.Companion_public_recent_idx
--   make index GroupChat.GroupChat_creatorId_createdAt_idx unique
--   change primary key UsageTransaction.UsageTransaction_pkey from (id) to (id, userId)
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';

ALTER TABLE "Message" VALIDATE CONSTRAINT "Message_companionId_fkey";

ALTER TABLE "Companion" VALIDATE CONSTRAINT "tokens_burned_nonnegative";

ALTER TABLE "Companion" ADD CONSTRAINT "Companion_userId_name_version_key" UNIQUE USING INDEX "Companion_userId_name_version_key";

ALTER TABLE "Companion" DROP CONSTRAINT IF EXISTS "Companion_userId_name_key";

DO $specguard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_index WHERE indexrelid = to_regclass('"Companion_public_recent_idx__new"') AND indisvalid) THEN
    RAISE EXCEPTION USING MESSAGE = 'the rebuilt index Companion_public_recent_idx__new is missing or INVALID (its CONCURRENTLY build failed), so Companion_public_recent_idx is kept: build it again, then run this migration again', HINT = 'DROP INDEX CONCURRENTLY IF EXISTS "Companion_public_recent_idx__new"; CREATE INDEX CONCURRENTLY IF NOT EXISTS "Companion_public_recent_idx__new" ON "Companion" ("createdAt") WHERE "isPublic" AND version > 0;';
  END IF;
END
$specguard$;

DROP INDEX IF EXISTS "Companion_public_recent_idx";

ALTER INDEX IF EXISTS "Companion_public_recent_idx__new" RENAME TO "Companion_public_recent_idx";

DO $specguard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_index WHERE indexrelid = to_regclass('"GroupChat_creatorId_createdAt_idx__new"') AND indisvalid) THEN
    RAISE EXCEPTION USING MESSAGE = 'the rebuilt index GroupChat_creatorId_createdAt_idx__new is missing or INVALID (its CONCURRENTLY build failed), so GroupChat_creatorId_createdAt_idx is kept: build it again, then run this migration again', HINT = 'DROP INDEX CONCURRENTLY IF EXISTS "GroupChat_creatorId_createdAt_idx__new"; CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "GroupChat_creatorId_createdAt_idx__new" ON "GroupChat" ("creatorId", "createdAt");';
  END IF;
END
$specguard$;

DROP INDEX IF EXISTS "GroupChat_creatorId_createdAt_idx";

ALTER INDEX IF EXISTS "GroupChat_creatorId_createdAt_idx__new" RENAME TO "GroupChat_creatorId_createdAt_idx";

ALTER TABLE "UsageTransaction" DROP CONSTRAINT IF EXISTS "UsageTransaction_pkey", ADD CONSTRAINT "UsageTransaction_pkey" PRIMARY KEY USING INDEX "UsageTransaction_pkey__new";
