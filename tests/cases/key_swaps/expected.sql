-- migration: swap_keys (transactional)
-- specguard: schema changes, in one transaction
--   drop primary key Legacy.Legacy_pkey
--   drop not null Legacy.id
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE "Legacy" DROP CONSTRAINT IF EXISTS "Legacy_pkey";

ALTER TABLE "Legacy" ALTER COLUMN "id" DROP NOT NULL;

-- migration: swap_keys_key_Account_id (non-transactional)
-- specguard: build the unique index of Account.Account_id_key without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   add unique Account.Account_id_key

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Account_id_key" ON "Account" ("id");

-- migration: swap_keys_pkey_Event (non-transactional)
-- specguard: build the unique index of Event.Event_pkey without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   add primary key Event.Event_pkey

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Event_pkey" ON "Event" ("id");

-- migration: swap_keys_key_Ticket_code (non-transactional)
-- specguard: build the unique index of Ticket.Ticket_code_key without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   add unique Ticket.Ticket_code_key

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Ticket_code_key" ON "Ticket" ("code");

-- migration: swap_keys_rebuild_pkey_Account (non-transactional)
-- specguard: build the new Account.Account_pkey beside the old one without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   change primary key Account.Account_pkey from (id) to (tenantId, id)

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Account_pkey__new" ON "Account" ("tenantId", "id");

-- migration: swap_keys_rebuild_idx_Account_handle (non-transactional)
-- specguard: build the new Account.Account_handle_idx beside the old one without blocking writes (alone: CONCURRENTLY cannot run in a transaction)
--   make index Account.Account_handle_idx unique

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Account_handle_idx__new" ON "Account" ("handle");

-- migration: swap_keys_validate (transactional)
-- specguard: validate constraints added NOT VALID, then SET NOT NULL, attach and swap keys
--   add unique Account.Account_id_key
--   add primary key Event.Event_pkey
--   add unique Ticket.Ticket_code_key
--   change foreign key Session.Session_accountId_fkey on delete cascade -> restrict
--   change primary key Account.Account_pkey from (id) to (tenantId, id)
--   make index Account.Account_handle_idx unique
--   drop index Ticket.Ticket_code_uidx
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';

ALTER TABLE "Account" ADD CONSTRAINT "Account_id_key" UNIQUE USING INDEX "Account_id_key";

ALTER TABLE "Event" ADD CONSTRAINT "Event_pkey" PRIMARY KEY USING INDEX "Event_pkey";

ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_code_key" UNIQUE USING INDEX "Ticket_code_key";

ALTER TABLE "Session" DROP CONSTRAINT IF EXISTS "Session_accountId_fkey";

ALTER TABLE "Account" DROP CONSTRAINT IF EXISTS "Account_pkey", ADD CONSTRAINT "Account_pkey" PRIMARY KEY USING INDEX "Account_pkey__new";

DO $specguard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_index WHERE indexrelid = to_regclass('"Account_handle_idx__new"') AND indisvalid) THEN
    RAISE EXCEPTION USING MESSAGE = 'the rebuilt index Account_handle_idx__new is missing or INVALID (its CONCURRENTLY build failed), so Account_handle_idx is kept: build it again, then run this migration again', HINT = 'DROP INDEX CONCURRENTLY IF EXISTS "Account_handle_idx__new"; CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Account_handle_idx__new" ON "Account" ("handle");';
  END IF;
END
$specguard$;

DROP INDEX IF EXISTS "Account_handle_idx";

ALTER INDEX IF EXISTS "Account_handle_idx__new" RENAME TO "Account_handle_idx";

ALTER TABLE "Stub" DROP CONSTRAINT IF EXISTS "Stub_ticketCode_fkey";

DROP INDEX IF EXISTS "Ticket_code_uidx";

ALTER TABLE "Session" ADD CONSTRAINT "Session_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT NOT VALID;

ALTER TABLE "Stub" ADD CONSTRAINT "Stub_ticketCode_fkey" FOREIGN KEY ("ticketCode") REFERENCES "Ticket" ("code") ON DELETE NO ACTION NOT VALID;

-- migration: swap_keys_validate_fks (transactional)
-- specguard: validate the foreign keys added again around the swapped keys
--   change foreign key Session.Session_accountId_fkey on delete cascade -> restrict
--   drop index Ticket.Ticket_code_uidx
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';

ALTER TABLE "Session" VALIDATE CONSTRAINT "Session_accountId_fkey";

ALTER TABLE "Stub" VALIDATE CONSTRAINT "Stub_ticketCode_fkey";

-- migration: swap_keys_drop_idx_Session_accountId_createdAt (non-transactional)
-- specguard: drop index Session.Session_accountId_createdAt_idx without blocking reads or writes (alone: CONCURRENTLY cannot run in a transaction)
--   drop index Session.Session_accountId_createdAt_idx

DROP INDEX CONCURRENTLY IF EXISTS "Session_accountId_createdAt_idx";
