-- migration: drop_group_chats (transactional)
-- specguard: schema changes, in one transaction
--   drop foreign key Message.Message_userId_fkey
--   drop unique Companion.Companion_userId_name_key
--   drop check Companion.tokens_burned_nonnegative
--   drop column Companion.tokensBurned
--   drop column Companion.legacyNotes
--   drop table GroupChat
--   drop table GroupMessage
--   drop enum Visibility
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE "Message" DROP CONSTRAINT IF EXISTS "Message_userId_fkey";

ALTER TABLE "Companion" DROP CONSTRAINT IF EXISTS "Companion_userId_name_key";

ALTER TABLE "Companion" DROP CONSTRAINT IF EXISTS "tokens_burned_nonnegative";

ALTER TABLE "Companion" DROP COLUMN IF EXISTS "tokensBurned";

ALTER TABLE "Companion" DROP COLUMN IF EXISTS "legacyNotes";

ALTER TABLE "GroupMessage" DROP CONSTRAINT IF EXISTS "GroupMessage_groupChatId_fkey";

DROP TABLE IF EXISTS "GroupChat";

DROP TABLE IF EXISTS "GroupMessage";

DROP TYPE IF EXISTS "Visibility";

-- migration: drop_group_chats_drop_idx_Companion_public_recent (non-transactional)
-- specguard: drop index Companion.Companion_public_recent_idx without blocking reads or writes (alone: CONCURRENTLY cannot run in a transaction)
--   drop index Companion.Companion_public_recent_idx

DROP INDEX CONCURRENTLY IF EXISTS "Companion_public_recent_idx";
