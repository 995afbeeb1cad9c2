-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_project" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revision" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_project" ("createdAt", "id", "name", "settings", "timezone") SELECT "createdAt", "id", "name", "settings", "timezone" FROM "project";
DROP TABLE "project";
ALTER TABLE "new_project" RENAME TO "project";
CREATE UNIQUE INDEX "project_name_key" ON "project"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "masked_filing_status_lapsesAt_idx" ON "masked_filing"("status", "lapsesAt");

-- CreateIndex
CREATE INDEX "sweep_cursor_sweep_at_idx" ON "sweep_cursor"("sweep", "at");
