-- AlterTable
ALTER TABLE "outbox" ADD COLUMN "parts" TEXT;

-- CreateTable
CREATE TABLE "downloads" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "forIdentity" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "downloads_tokenHash_key" ON "downloads"("tokenHash");
