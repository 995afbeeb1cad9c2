-- CreateTable
CREATE TABLE "outbox_chat" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "nextAt" DATETIME NOT NULL,
    "tokens" REAL NOT NULL DEFAULT 0,
    "tokensAt" DATETIME,
    "recent" TEXT NOT NULL DEFAULT '[]',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "failingSince" DATETIME,
    "lastError" TEXT
);

-- CreateTable
CREATE TABLE "outbox_platform" (
    "platform" TEXT NOT NULL PRIMARY KEY,
    "failingSince" DATETIME,
    "alertedAt" DATETIME,
    "lastError" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_outbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER,
    "platform" TEXT NOT NULL,
    "targetKind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "availableAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "sentAt" DATETIME,
    "failedAt" DATETIME,
    "dedupeKey" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 1,
    "replyTo" TEXT
);
INSERT INTO "new_outbox" ("attempts", "availableAt", "claimedBy", "claimedUntil", "createdAt", "dedupeKey", "failedAt", "id", "lastError", "platform", "projectId", "sentAt", "targetId", "targetKind", "text") SELECT "attempts", "availableAt", "claimedBy", "claimedUntil", "createdAt", "dedupeKey", "failedAt", "id", "lastError", "platform", "projectId", "sentAt", "targetId", "targetKind", "text" FROM "outbox";
DROP TABLE "outbox";
ALTER TABLE "new_outbox" RENAME TO "outbox";
CREATE UNIQUE INDEX "outbox_dedupeKey_key" ON "outbox"("dedupeKey");
CREATE INDEX "outbox_sentAt_failedAt_availableAt_idx" ON "outbox"("sentAt", "failedAt", "availableAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
