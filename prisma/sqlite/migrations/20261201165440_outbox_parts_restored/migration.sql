-- busy's 20261201152703_outbox_chats redefines the outbox table on SQLite from a model without `parts` (it ran after
-- 20261201152505_outbox_parts_downloads, which added it): the column comes back here. PostgreSQL kept it (ALTER TABLE).
-- AlterTable
ALTER TABLE "outbox" ADD COLUMN "parts" TEXT;
