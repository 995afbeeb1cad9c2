-- AlterTable
ALTER TABLE "dismissal" ADD COLUMN     "liftReason" TEXT,
ADD COLUMN     "liftedAt" TIMESTAMP(3),
ADD COLUMN     "liftedBy" INTEGER;

-- CreateTable
CREATE TABLE "confirmation" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "actorStaffId" INTEGER,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "auditCode" TEXT,

    CONSTRAINT "confirmation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "confirmation_projectId_createdAt_idx" ON "confirmation"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "deposit_projectId_recordedAt_idx" ON "deposit"("projectId", "recordedAt");

-- CreateIndex
CREATE INDEX "filing_projectId_filedAt_idx" ON "filing"("projectId", "filedAt");

-- CreateIndex
CREATE INDEX "visit_projectId_at_idx" ON "visit"("projectId", "at");
