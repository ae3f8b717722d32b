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

ALTER TABLE "Companion" ALTER COLUMN "toolConfig" SET DEFAULT '{"$version":1}';

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

-- migration: alter_columns_backfill_Companion_toolConfig (non-transactional)
-- specguard: give Companion.toolConfig its default where it is NULL, in batches that each commit (alone: a DO block that commits per batch must be its file's only statement)
--   set not null Companion.toolConfig

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
      SELECT "id" FROM "Companion" WHERE (specguard_backfill.last_0 IS NULL OR "id" > specguard_backfill.last_0) ORDER BY "id" LIMIT 1000
    ) AS batch ORDER BY "id" DESC LIMIT 1;
    EXIT WHEN specguard_backfill.upto_0 IS NULL;
    UPDATE "Companion" SET "toolConfig" = '{"$version":1}'
      WHERE (specguard_backfill.last_0 IS NULL OR "id" > specguard_backfill.last_0) AND "id" <= specguard_backfill.upto_0 AND ("toolConfig" IS NULL);
    GET DIAGNOSTICS specguard_backfill.n = ROW_COUNT;
    specguard_backfill.total := specguard_backfill.total + specguard_backfill.n;
    specguard_backfill.last_0 := specguard_backfill.upto_0;
    RAISE NOTICE 'specguard backfill Companion (toolConfig := default): % rows updated', specguard_backfill.total;
    COMMIT;
  END LOOP;
END
$specguard$;

-- migration: alter_columns_validate (transactional)
-- specguard: validate constraints added NOT VALID, then SET NOT NULL, attach and swap keys
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
