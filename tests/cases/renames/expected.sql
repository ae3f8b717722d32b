-- migration: rename_group_chat (transactional)
-- specguard: schema changes, in one transaction
--   rename enum MessageRole to ChatRole
--   rename table GroupChat to ChatGroup
--   rename constraint ChatGroup.GroupChat_pkey to ChatGroup_pkey
--   rename constraint ChatGroup.GroupChat_creatorId_fkey to ChatGroup_creatorId_fkey
--   rename index GroupChat_creatorId_createdAt_idx to ChatGroup_creatorId_createdAt_idx
--   rename column GroupMessage.groupChatId to chatGroupId
--   rename constraint GroupMessage.GroupMessage_groupChatId_fkey to GroupMessage_chatGroupId_fkey
--   rename index GroupMessage_groupChatId_createdAt_idx to GroupMessage_chatGroupId_createdAt_idx
--   rename index GroupMessage_groupChatId_isBot_idx to GroupMessage_chatGroupId_isBot_idx
--   rename index GroupMessage_groupChatId_senderId_createdAt_idx to GroupMessage_chatGroupId_senderId_createdAt_idx
--   rename index GroupMessage_groupChatId_senderId_idx to GroupMessage_chatGroupId_senderId_idx
--   rename column Message.content to body
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TYPE "MessageRole" RENAME TO "ChatRole";

ALTER TABLE IF EXISTS "GroupChat" RENAME TO "ChatGroup";

ALTER TABLE "ChatGroup" RENAME CONSTRAINT "GroupChat_pkey" TO "ChatGroup_pkey";

ALTER TABLE "ChatGroup" RENAME CONSTRAINT "GroupChat_creatorId_fkey" TO "ChatGroup_creatorId_fkey";

ALTER INDEX IF EXISTS "GroupChat_creatorId_createdAt_idx" RENAME TO "ChatGroup_creatorId_createdAt_idx";

ALTER TABLE "GroupMessage" RENAME COLUMN "groupChatId" TO "chatGroupId";

ALTER TABLE "GroupMessage" RENAME CONSTRAINT "GroupMessage_groupChatId_fkey" TO "GroupMessage_chatGroupId_fkey";

ALTER INDEX IF EXISTS "GroupMessage_groupChatId_createdAt_idx" RENAME TO "GroupMessage_chatGroupId_createdAt_idx";

ALTER INDEX IF EXISTS "GroupMessage_groupChatId_isBot_idx" RENAME TO "GroupMessage_chatGroupId_isBot_idx";

ALTER INDEX IF EXISTS "GroupMessage_groupChatId_senderId_createdAt_idx" RENAME TO "GroupMessage_chatGroupId_senderId_createdAt_idx";

ALTER INDEX IF EXISTS "GroupMessage_groupChatId_senderId_idx" RENAME TO "GroupMessage_chatGroupId_senderId_idx";

ALTER TABLE "Message" RENAME COLUMN "content" TO "body";
