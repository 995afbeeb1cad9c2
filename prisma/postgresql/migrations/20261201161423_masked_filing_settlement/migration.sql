-- AlterTable
ALTER TABLE "collision" ADD COLUMN     "maskedName" TEXT,
ADD COLUMN     "maskedPhone" TEXT,
ALTER COLUMN "customerId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "masked_filing" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "filedBy" INTEGER,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "head" TEXT NOT NULL,
    "tail" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "surname" TEXT NOT NULL,
    "protectedUntil" TIMESTAMP(3) NOT NULL,
    "lapsesAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'live',
    "liveKey" TEXT,
    "note" TEXT,
    "filingId" INTEGER,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "masked_filing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mask_lock" (
    "projectId" INTEGER NOT NULL,
    "mask" TEXT NOT NULL,
    "n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "mask_lock_pkey" PRIMARY KEY ("projectId","mask")
);

-- CreateTable
CREATE TABLE "commission_payment" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "localMonth" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "note" TEXT,
    "paidBy" INTEGER,
    "paidAt" TIMESTAMP(3) NOT NULL,
    "reversesId" INTEGER,

    CONSTRAINT "commission_payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "statement_ack" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "localMonth" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "payableFen" BIGINT NOT NULL,
    "paidFen" BIGINT NOT NULL,

    CONSTRAINT "statement_ack_pkey" PRIMARY KEY ("id")
);

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
