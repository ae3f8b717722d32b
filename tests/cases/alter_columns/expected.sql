-- migration: alter_columns (transactional)
-- specguard: schema changes, in one transaction
--   drop not null Companion.personality
--   drop default GroupMessage.isBot
--   set default Companion.isPublic
--   set default Companion.toolConfig
--   alter column type Companion.version from integer to bigint
--   set default Companion.version
--   alter column type Message.role from MessageRole to text
--   set default Message.role
--   alter column type UsageTransaction.kind from text to varchar(20)
--   alter column type UsageTransaction.inferenceTokens from integer to numeric(14,2)
--   alter column type User.email from varchar(320) to text
--   set not null Companion.toolConfig
--   set not null User.name
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE "Companion" ALTER COLUMN "personality" DROP NOT NULL;

ALTER TABLE "GroupMessage" ALTER COLUMN "isBot" DROP DEFAULT;

ALTER TABLE "Companion" ALTER COLUMN "isPublic" SET DEFAULT TRUE;

ALTER TABLE "Companion" ALTER COLUMN "toolConfig" SET DEFAULT '{}';

ALTER TABLE "Companion" ALTER COLUMN "version" DROP DEFAULT;

ALTER TABLE "Companion" ALTER COLUMN "version" TYPE bigint USING "version"::bigint;

ALTER TABLE "Companion" ALTER COLUMN "version" SET DEFAULT 1;

ALTER TABLE "Message" ALTER COLUMN "role" DROP DEFAULT;

ALTER TABLE "Message" ALTER COLUMN "role" TYPE text USING "role"::text;

ALTER TABLE "Message" ALTER COLUMN "role" SET DEFAULT 'user';

ALTER TABLE "UsageTransaction" ALTER COLUMN "kind" TYPE varchar(20) USING "kind"::varchar(20);

ALTER TABLE "UsageTransaction" ALTER COLUMN "inferenceTokens" TYPE numeric(14,2) USING "inferenceTokens"::numeric(14,2);

ALTER TABLE "User" ALTER COLUMN "email" TYPE text;

ALTER TABLE "Companion" ADD CONSTRAINT "Companion_toolConfig_not_null_check" CHECK ("toolConfig" IS NOT NULL) NOT VALID;

ALTER TABLE "User" ADD CONSTRAINT "User_name_not_null_check" CHECK ("name" IS NOT NULL) NOT VALID;

-- migration: alter_columns_backfill (transactional)
-- specguard: backfill columns with their defaults
--   set not null Companion.toolConfig
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';

UPDATE "Companion" SET "toolConfig" = '{}' WHERE "toolConfig" IS NULL;

-- migration: alter_columns_validate (transactional)
-- specguard: validate constraints added NOT VALID, then SET NOT NULL and attach keys
--   set not null Companion.toolConfig
--   set not null User.name
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';

ALTER TABLE "Companion" VALIDATE CONSTRAINT "Companion_toolConfig_not_null_check";

ALTER TABLE "Companion" ALTER COLUMN "toolConfig" SET NOT NULL;

ALTER TABLE "Companion" DROP CONSTRAINT IF EXISTS "Companion_toolConfig_not_null_check";

ALTER TABLE "User" VALIDATE CONSTRAINT "User_name_not_null_check";

ALTER TABLE "User" ALTER COLUMN "name" SET NOT NULL;

ALTER TABLE "User" DROP CONSTRAINT IF EXISTS "User_name_not_null_check";
