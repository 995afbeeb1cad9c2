-- CreateTable
CREATE TABLE "project_revision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "masked_filing_status_lapsesAt_idx" ON "masked_filing"("status", "lapsesAt");

-- CreateIndex
CREATE INDEX "sweep_cursor_sweep_at_idx" ON "sweep_cursor"("sweep", "at");
