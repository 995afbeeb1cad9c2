-- CreateTable
CREATE TABLE "project" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "group_binding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "title" TEXT,
    "wecomKey" TEXT,
    "boundAt" DATETIME NOT NULL,
    "boundBy" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "staff" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "agencyId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusSince" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "identity" (
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "boundAt" DATETIME NOT NULL,

    PRIMARY KEY ("platform", "userId")
);

-- CreateTable
CREATE TABLE "join_code" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "staffId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedBy" TEXT
);

-- CreateTable
CREATE TABLE "agency" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "seq" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "dismissedAt" DATETIME
);

-- CreateTable
CREATE TABLE "check_in" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "localDate" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "customer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ownerAgencyId" INTEGER,
    "ownerFilingId" INTEGER,
    "ownerSince" DATETIME,
    "protectedUntil" DATETIME,
    "dealCode" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "filing" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "filedBy" INTEGER NOT NULL,
    "filedAt" DATETIME NOT NULL,
    "protectedUntil" DATETIME NOT NULL,
    "note" TEXT,
    "source" TEXT
);

-- CreateTable
CREATE TABLE "visit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "filingId" INTEGER NOT NULL,
    "registeredBy" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "previousUntil" DATETIME NOT NULL,
    "newUntil" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "collision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "ownerAgencyId" INTEGER NOT NULL,
    "ownerFilingId" INTEGER,
    "ownerSince" DATETIME NOT NULL,
    "ownerUntil" DATETIME,
    "challengerAgencyId" INTEGER NOT NULL,
    "challengerStaffId" INTEGER NOT NULL,
    "attemptedAt" DATETIME NOT NULL,
    "auditCode" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "rotation_state" (
    "projectId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "rotation_turn" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "localDate" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "leadKind" TEXT NOT NULL,
    "leadName" TEXT,
    "customerId" INTEGER,
    "filingId" INTEGER,
    "staffId" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "areaCm2" INTEGER NOT NULL,
    "listPriceFen" BIGINT NOT NULL,
    "floorPriceFen" BIGINT NOT NULL,
    "basement" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'available',
    "depositId" INTEGER,
    "heldUntil" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "deposit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "requestedBy" INTEGER NOT NULL,
    "requesterAgencyId" INTEGER,
    "attribution" TEXT NOT NULL DEFAULT 'protection',
    "kind" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "heldUntil" DATETIME NOT NULL,
    "decidedBy" INTEGER,
    "decidedAt" DATETIME,
    "reason" TEXT,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "refund" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "depositId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "requestedBy" INTEGER NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "decidedBy" INTEGER,
    "decidedAt" DATETIME,
    "reason" TEXT
);

-- CreateTable
CREATE TABLE "subscription" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "depositId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "priceFen" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "requestedBy" INTEGER NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "decidedBy" INTEGER,
    "decidedAt" DATETIME,
    "reason" TEXT
);

-- CreateTable
CREATE TABLE "contract" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "subscriptionId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "priceFen" BIGINT NOT NULL,
    "basement" BOOLEAN NOT NULL,
    "signedBy" INTEGER NOT NULL,
    "signedAt" DATETIME NOT NULL,
    "localMonth" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "fine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "staffId" INTEGER,
    "type" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "note" TEXT,
    "issuedBy" INTEGER NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "localMonth" TEXT NOT NULL,
    "severe" BOOLEAN NOT NULL DEFAULT false,
    "reversesId" INTEGER
);

-- CreateTable
CREATE TABLE "dismissal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "proposedAt" DATETIME NOT NULL,
    "confirmedAt" DATETIME,
    "confirmedBy" INTEGER
);

-- CreateTable
CREATE TABLE "announcement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "by" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "recurringId" INTEGER
);

-- CreateTable
CREATE TABLE "recurring_announcement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "cron" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdBy" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "removedAt" DATETIME,
    "firedThrough" DATETIME
);

-- CreateTable
CREATE TABLE "outbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER,
    "platform" TEXT NOT NULL,
    "targetKind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "availableAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "sentAt" DATETIME,
    "failedAt" DATETIME,
    "dedupeKey" TEXT
);

-- CreateTable
CREATE TABLE "scheduled_run" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "projectId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "doneAt" DATETIME NOT NULL,
    "doneBy" TEXT NOT NULL,
    "outcome" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "sweep_cursor" (
    "projectId" INTEGER NOT NULL,
    "sweep" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "rowId" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("projectId", "sweep")
);

-- CreateTable
CREATE TABLE "service_day" (
    "projectId" INTEGER NOT NULL,
    "localDate" TEXT NOT NULL,
    "firstSeen" DATETIME NOT NULL,

    PRIMARY KEY ("projectId", "localDate")
);

-- CreateTable
CREATE TABLE "inbound_event" (
    "platform" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,

    PRIMARY KEY ("platform", "eventId")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "seq" INTEGER,
    "at" DATETIME NOT NULL,
    "actorStaffId" INTEGER,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "data" TEXT NOT NULL,
    "sourceMessageId" TEXT,
    "prevHash" TEXT,
    "hash" TEXT
);

-- CreateTable
CREATE TABLE "audit_head" (
    "projectId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "hash" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "project_name_key" ON "project"("name");

-- CreateIndex
CREATE INDEX "group_binding_projectId_idx" ON "group_binding"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "group_binding_platform_chatId_key" ON "group_binding"("platform", "chatId");

-- CreateIndex
CREATE INDEX "staff_projectId_role_status_idx" ON "staff"("projectId", "role", "status");

-- CreateIndex
CREATE INDEX "staff_agencyId_status_idx" ON "staff"("agencyId", "status");

-- CreateIndex
CREATE INDEX "identity_staffId_idx" ON "identity"("staffId");

-- CreateIndex
CREATE INDEX "join_code_staffId_idx" ON "join_code"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "agency_projectId_name_key" ON "agency"("projectId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "agency_projectId_seq_key" ON "agency"("projectId", "seq");

-- CreateIndex
CREATE INDEX "check_in_projectId_localDate_idx" ON "check_in"("projectId", "localDate");

-- CreateIndex
CREATE UNIQUE INDEX "check_in_staffId_localDate_key" ON "check_in"("staffId", "localDate");

-- CreateIndex
CREATE INDEX "customer_ownerAgencyId_protectedUntil_idx" ON "customer"("ownerAgencyId", "protectedUntil");

-- CreateIndex
CREATE INDEX "customer_projectId_protectedUntil_id_idx" ON "customer"("projectId", "protectedUntil", "id");

-- CreateIndex
CREATE UNIQUE INDEX "customer_projectId_phone_key" ON "customer"("projectId", "phone");

-- CreateIndex
CREATE INDEX "filing_customerId_idx" ON "filing"("customerId");

-- CreateIndex
CREATE INDEX "filing_protectedUntil_idx" ON "filing"("protectedUntil");

-- CreateIndex
CREATE INDEX "visit_customerId_idx" ON "visit"("customerId");

-- CreateIndex
CREATE INDEX "collision_projectId_attemptedAt_idx" ON "collision"("projectId", "attemptedAt");

-- CreateIndex
CREATE INDEX "collision_customerId_idx" ON "collision"("customerId");

-- CreateIndex
CREATE INDEX "rotation_turn_projectId_localDate_idx" ON "rotation_turn"("projectId", "localDate");

-- CreateIndex
CREATE INDEX "unit_projectId_status_idx" ON "unit"("projectId", "status");

-- CreateIndex
CREATE INDEX "unit_heldUntil_idx" ON "unit"("heldUntil");

-- CreateIndex
CREATE UNIQUE INDEX "unit_projectId_code_key" ON "unit"("projectId", "code");

-- CreateIndex
CREATE INDEX "deposit_status_heldUntil_idx" ON "deposit"("status", "heldUntil");

-- CreateIndex
CREATE INDEX "deposit_unitId_idx" ON "deposit"("unitId");

-- CreateIndex
CREATE INDEX "deposit_customerId_idx" ON "deposit"("customerId");

-- CreateIndex
CREATE INDEX "refund_depositId_idx" ON "refund"("depositId");

-- CreateIndex
CREATE INDEX "subscription_depositId_idx" ON "subscription"("depositId");

-- CreateIndex
CREATE UNIQUE INDEX "contract_subscriptionId_key" ON "contract"("subscriptionId");

-- CreateIndex
CREATE UNIQUE INDEX "contract_unitId_key" ON "contract"("unitId");

-- CreateIndex
CREATE INDEX "contract_agencyId_localMonth_idx" ON "contract"("agencyId", "localMonth");

-- CreateIndex
CREATE UNIQUE INDEX "fine_reversesId_key" ON "fine"("reversesId");

-- CreateIndex
CREATE INDEX "fine_agencyId_localMonth_idx" ON "fine"("agencyId", "localMonth");

-- CreateIndex
CREATE INDEX "dismissal_agencyId_idx" ON "dismissal"("agencyId");

-- CreateIndex
CREATE INDEX "announcement_projectId_at_idx" ON "announcement"("projectId", "at");

-- CreateIndex
CREATE INDEX "recurring_announcement_projectId_removedAt_idx" ON "recurring_announcement"("projectId", "removedAt");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_dedupeKey_key" ON "outbox"("dedupeKey");

-- CreateIndex
CREATE INDEX "outbox_sentAt_failedAt_availableAt_idx" ON "outbox"("sentAt", "failedAt", "availableAt");

-- CreateIndex
CREATE INDEX "scheduled_run_projectId_kind_dueAt_idx" ON "scheduled_run"("projectId", "kind", "dueAt");

-- CreateIndex
CREATE INDEX "inbound_event_receivedAt_idx" ON "inbound_event"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "audit_entry_projectId_seq_key" ON "audit_entry"("projectId", "seq");
