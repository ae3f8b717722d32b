-- specguard: schema changes, in one transaction
--   create enum MessageRole
--   create enum UsageKind
--   create table Companion
--   create table GroupChat
--   create table GroupMessage
--   create table Message
--   create table UsageTransaction
--   create table User
--   create table UserUsage
--   create index Companion.Companion_public_recent_idx
--   create index Companion.Companion_userId_createdAt_idx
--   create index GroupChat.GroupChat_creatorId_createdAt_idx
--   create index GroupMessage.GroupMessage_groupChatId_createdAt_idx
--   create index GroupMessage.GroupMessage_groupChatId_isBot_idx
--   create index GroupMessage.GroupMessage_groupChatId_senderId_createdAt_idx
--   create index GroupMessage.GroupMessage_groupChatId_senderId_idx
--   create index Message.Message_companionId_createdAt_idx
--   create index Message.Message_companionId_userId_createdAt_idx
--   create index Message.Message_companionId_userId_idx
--   create index UsageTransaction.UsageTransaction_userId_createdAt_idx
--   add foreign key Companion.Companion_userId_fkey
--   add foreign key GroupChat.GroupChat_creatorId_fkey
--   add foreign key GroupMessage.GroupMessage_groupChatId_fkey
--   add foreign key Message.Message_companionId_fkey
--   add foreign key Message.Message_userId_fkey
--   add foreign key UsageTransaction.UsageTransaction_companionId_fkey
--   add foreign key UsageTransaction.UsageTransaction_userId_fkey
--   add foreign key UserUsage.UserUsage_userId_fkey
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TYPE "MessageRole" AS ENUM ('user', 'assistant', 'system');

CREATE TYPE "UsageKind" AS ENUM ('burn', 'grant', 'refund');

CREATE TABLE IF NOT EXISTS "Companion" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "userId" uuid NOT NULL,
    "name" text NOT NULL,
    "isPublic" boolean NOT NULL DEFAULT FALSE,
    "personality" jsonb NOT NULL DEFAULT '{}',
    "personalityConfig" jsonb,
    "knowledgeConfig" jsonb,
    "interactionConfig" jsonb,
    "toolConfig" jsonb,
    "toolAccess" text[] NOT NULL DEFAULT '{}',
    "version" integer NOT NULL DEFAULT 1,
    "tokensBurned" bigint NOT NULL DEFAULT 0,
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    "updatedAt" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "Companion_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Companion_userId_name_key" UNIQUE ("userId", "name"),
    CONSTRAINT "Companion_tokensBurned_nonnegative" CHECK ("tokensBurned" >= 0),
    CONSTRAINT "Companion_version_positive" CHECK (version >= 1)
);

CREATE TABLE IF NOT EXISTS "GroupChat" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "creatorId" uuid NOT NULL,
    "name" text NOT NULL,
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "GroupChat_pkey" PRIMARY KEY ("id")
);

CREATE TABLE IF NOT EXISTS "GroupMessage" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "groupChatId" uuid NOT NULL,
    "senderId" uuid NOT NULL,
    "isBot" boolean NOT NULL DEFAULT FALSE,
    "content" text NOT NULL,
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "GroupMessage_pkey" PRIMARY KEY ("id")
);

CREATE TABLE IF NOT EXISTS "Message" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "companionId" uuid NOT NULL,
    "userId" uuid NOT NULL,
    "role" "MessageRole" NOT NULL,
    "content" text NOT NULL,
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

CREATE TABLE IF NOT EXISTS "UsageTransaction" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "userId" uuid NOT NULL,
    "companionId" uuid,
    "kind" "UsageKind" NOT NULL,
    "tokens" bigint NOT NULL,
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "UsageTransaction_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "UsageTransaction_tokens_positive" CHECK (tokens > 0)
);

CREATE TABLE IF NOT EXISTS "User" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "email" text NOT NULL,
    "displayName" text,
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    "updatedAt" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "User_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "User_email_key" UNIQUE ("email"),
    CONSTRAINT "User_email_shape" CHECK (position('@' IN email) > 1)
);

CREATE TABLE IF NOT EXISTS "UserUsage" (
    "userId" uuid NOT NULL,
    "balance" bigint NOT NULL DEFAULT 0,
    "totalBurned" bigint NOT NULL DEFAULT 0,
    "totalGranted" bigint NOT NULL DEFAULT 0,
    "updatedAt" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "UserUsage_pkey" PRIMARY KEY ("userId"),
    CONSTRAINT "UserUsage_totals_nonnegative" CHECK ("totalBurned" >= 0 AND "totalGranted" >= 0)
);

CREATE INDEX IF NOT EXISTS "Companion_public_recent_idx" ON "Companion" ("createdAt") WHERE "isPublic";

CREATE INDEX IF NOT EXISTS "Companion_userId_createdAt_idx" ON "Companion" ("userId", "createdAt");

CREATE INDEX IF NOT EXISTS "GroupChat_creatorId_createdAt_idx" ON "GroupChat" ("creatorId", "createdAt");

CREATE INDEX IF NOT EXISTS "GroupMessage_groupChatId_createdAt_idx" ON "GroupMessage" ("groupChatId", "createdAt");

CREATE INDEX IF NOT EXISTS "GroupMessage_groupChatId_isBot_idx" ON "GroupMessage" ("groupChatId", "isBot");

CREATE INDEX IF NOT EXISTS "GroupMessage_groupChatId_senderId_createdAt_idx" ON "GroupMessage" ("groupChatId", "senderId", "createdAt");

CREATE INDEX IF NOT EXISTS "GroupMessage_groupChatId_senderId_idx" ON "GroupMessage" ("groupChatId", "senderId");

CREATE INDEX IF NOT EXISTS "Message_companionId_createdAt_idx" ON "Message" ("companionId", "createdAt");

CREATE INDEX IF NOT EXISTS "Message_companionId_userId_createdAt_idx" ON "Message" ("companionId", "userId", "createdAt");

CREATE INDEX IF NOT EXISTS "Message_companionId_userId_idx" ON "Message" ("companionId", "userId");

CREATE INDEX IF NOT EXISTS "UsageTransaction_userId_createdAt_idx" ON "UsageTransaction" ("userId", "createdAt");

ALTER TABLE "Companion" ADD CONSTRAINT "Companion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE;

ALTER TABLE "GroupChat" ADD CONSTRAINT "GroupChat_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "User" ("id") ON DELETE CASCADE;

ALTER TABLE "GroupMessage" ADD CONSTRAINT "GroupMessage_groupChatId_fkey" FOREIGN KEY ("groupChatId") REFERENCES "GroupChat" ("id") ON DELETE CASCADE;

ALTER TABLE "Message" ADD CONSTRAINT "Message_companionId_fkey" FOREIGN KEY ("companionId") REFERENCES "Companion" ("id") ON DELETE CASCADE;

ALTER TABLE "Message" ADD CONSTRAINT "Message_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE;

ALTER TABLE "UsageTransaction" ADD CONSTRAINT "UsageTransaction_companionId_fkey" FOREIGN KEY ("companionId") REFERENCES "Companion" ("id") ON DELETE SET NULL;

ALTER TABLE "UsageTransaction" ADD CONSTRAINT "UsageTransaction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE;

ALTER TABLE "UserUsage" ADD CONSTRAINT "UserUsage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE;
