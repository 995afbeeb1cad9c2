-- AlterTable
ALTER TABLE "dismissal" ADD COLUMN "liftReason" TEXT;
ALTER TABLE "dismissal" ADD COLUMN "liftedAt" DATETIME;
ALTER TABLE "dismissal" ADD COLUMN "liftedBy" INTEGER;

-- CreateTable
CREATE TABLE "confirmation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "actorStaffId" INTEGER,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "outcome" TEXT,
    "auditCode" TEXT
);

-- CreateIndex
CREATE INDEX "confirmation_projectId_createdAt_idx" ON "confirmation"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "deposit_projectId_recordedAt_idx" ON "deposit"("projectId", "recordedAt");

-- CreateIndex
CREATE INDEX "filing_projectId_filedAt_idx" ON "filing"("projectId", "filedAt");

-- CreateIndex
CREATE INDEX "visit_projectId_at_idx" ON "visit"("projectId", "at");
