-- migration: enum_values_enum_values (transactional)
-- specguard: add enum values (committed before any use)
--   add enum value MessageRole.developer
--   add enum value MessageRole.tool
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TYPE "MessageRole" ADD VALUE IF NOT EXISTS 'developer' BEFORE 'user';

ALTER TYPE "MessageRole" ADD VALUE IF NOT EXISTS 'tool' AFTER 'system';

-- migration: enum_values (transactional)
-- specguard: schema changes, in one transaction
--   rebuild enum Plan (values removed or reordered)
--   add column Message.toolRole
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TYPE "Plan" RENAME TO "Plan__old";

CREATE TYPE "Plan" AS ENUM ('free', 'pro');

ALTER TABLE "UserUsage" ALTER COLUMN "plan" DROP DEFAULT;

ALTER TABLE "UserUsage" ALTER COLUMN "plan" TYPE "Plan" USING "plan"::text::"Plan";

ALTER TABLE "UserUsage" ALTER COLUMN "plan" SET DEFAULT 'free';

ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "toolRole" "MessageRole" NOT NULL DEFAULT 'tool';

DROP TYPE IF EXISTS "Plan__old";
