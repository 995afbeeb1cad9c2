-- CreateIndex
CREATE INDEX "outbox_platform_targetKind_targetId_sentAt_priority_id_idx" ON "outbox"("platform", "targetKind", "targetId", "sentAt", "priority", "id");
