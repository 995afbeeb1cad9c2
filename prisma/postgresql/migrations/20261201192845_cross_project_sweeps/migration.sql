-- CreateTable
CREATE TABLE "project_revision" (
    "id" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,

    CONSTRAINT "project_revision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "masked_filing_status_lapsesAt_idx" ON "masked_filing"("status", "lapsesAt");

-- CreateIndex
CREATE INDEX "sweep_cursor_sweep_at_idx" ON "sweep_cursor"("sweep", "at");
