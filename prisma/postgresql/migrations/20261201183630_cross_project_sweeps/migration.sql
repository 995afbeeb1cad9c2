-- CreateIndex
CREATE INDEX "masked_filing_status_lapsesAt_idx" ON "masked_filing"("status", "lapsesAt");

-- CreateIndex
CREATE INDEX "sweep_cursor_sweep_idx" ON "sweep_cursor"("sweep");
