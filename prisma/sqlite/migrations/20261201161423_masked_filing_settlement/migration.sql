-- CreateTable
CREATE TABLE "masked_filing" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "filedBy" INTEGER,
    "filedAt" DATETIME NOT NULL,
    "head" TEXT NOT NULL,
    "tail" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "surname" TEXT NOT NULL,
    "protectedUntil" DATETIME NOT NULL,
    "lapsesAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'live',
    "liveKey" TEXT,
    "note" TEXT,
    "filingId" INTEGER,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "mask_lock" (
    "projectId" INTEGER NOT NULL,
    "mask" TEXT NOT NULL,
    "n" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("projectId", "mask")
);

-- CreateTable
CREATE TABLE "commission_payment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "localMonth" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "note" TEXT,
    "paidBy" INTEGER,
    "paidAt" DATETIME NOT NULL,
    "reversesId" INTEGER
);

-- CreateTable
CREATE TABLE "statement_ack" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "localMonth" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "payableFen" BIGINT NOT NULL,
    "paidFen" BIGINT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_collision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "customerId" INTEGER,
    "maskedPhone" TEXT,
    "maskedName" TEXT,
    "ownerAgencyId" INTEGER NOT NULL,
    "ownerFilingId" INTEGER,
    "ownerSince" DATETIME NOT NULL,
    "ownerUntil" DATETIME,
    "challengerAgencyId" INTEGER NOT NULL,
    "challengerStaffId" INTEGER NOT NULL,
    "attemptedAt" DATETIME NOT NULL,
    "auditCode" TEXT NOT NULL
);
INSERT INTO "new_collision" ("attemptedAt", "auditCode", "challengerAgencyId", "challengerStaffId", "customerId", "id", "ownerAgencyId", "ownerFilingId", "ownerSince", "ownerUntil", "projectId") SELECT "attemptedAt", "auditCode", "challengerAgencyId", "challengerStaffId", "customerId", "id", "ownerAgencyId", "ownerFilingId", "ownerSince", "ownerUntil", "projectId" FROM "collision";
DROP TABLE "collision";
ALTER TABLE "new_collision" RENAME TO "collision";
CREATE INDEX "collision_projectId_attemptedAt_idx" ON "collision"("projectId", "attemptedAt");
CREATE INDEX "collision_customerId_idx" ON "collision"("customerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "masked_filing_projectId_head_tail_status_idx" ON "masked_filing"("projectId", "head", "tail", "status");

-- CreateIndex
CREATE INDEX "masked_filing_projectId_status_lapsesAt_idx" ON "masked_filing"("projectId", "status", "lapsesAt");

-- CreateIndex
CREATE UNIQUE INDEX "masked_filing_projectId_liveKey_key" ON "masked_filing"("projectId", "liveKey");

-- CreateIndex
CREATE UNIQUE INDEX "commission_payment_reversesId_key" ON "commission_payment"("reversesId");

-- CreateIndex
CREATE INDEX "commission_payment_agencyId_localMonth_idx" ON "commission_payment"("agencyId", "localMonth");

-- CreateIndex
CREATE INDEX "commission_payment_projectId_localMonth_idx" ON "commission_payment"("projectId", "localMonth");

-- CreateIndex
CREATE UNIQUE INDEX "statement_ack_agencyId_localMonth_key" ON "statement_ack"("agencyId", "localMonth");
