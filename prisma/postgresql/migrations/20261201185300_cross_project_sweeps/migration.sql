-- AlterTable
ALTER TABLE "project" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "masked_filing_status_lapsesAt_idx" ON "masked_filing"("status", "lapsesAt");

-- CreateIndex
CREATE INDEX "sweep_cursor_sweep_at_idx" ON "sweep_cursor"("sweep", "at");
