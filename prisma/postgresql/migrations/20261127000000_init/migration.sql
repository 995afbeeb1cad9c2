-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "project" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_binding" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "title" TEXT,
    "wecomKey" TEXT,
    "boundAt" TIMESTAMP(3) NOT NULL,
    "boundBy" TEXT NOT NULL,

    CONSTRAINT "group_binding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "agencyId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusSince" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity" (
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "boundAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "identity_pkey" PRIMARY KEY ("platform","userId")
);

-- CreateTable
CREATE TABLE "join_code" (
    "code" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedBy" TEXT,

    CONSTRAINT "join_code_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "agency" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "seq" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "dismissedAt" TIMESTAMP(3),

    CONSTRAINT "agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "check_in" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "localDate" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "check_in_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ownerAgencyId" INTEGER,
    "ownerFilingId" INTEGER,
    "ownerSince" TIMESTAMP(3),
    "protectedUntil" TIMESTAMP(3),
    "dealCode" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "filing" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "filedBy" INTEGER NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "protectedUntil" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "source" TEXT,

    CONSTRAINT "filing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visit" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "filingId" INTEGER NOT NULL,
    "registeredBy" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "previousUntil" TIMESTAMP(3) NOT NULL,
    "newUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "collision" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "ownerAgencyId" INTEGER NOT NULL,
    "ownerFilingId" INTEGER,
    "ownerSince" TIMESTAMP(3) NOT NULL,
    "ownerUntil" TIMESTAMP(3),
    "challengerAgencyId" INTEGER NOT NULL,
    "challengerStaffId" INTEGER NOT NULL,
    "attemptedAt" TIMESTAMP(3) NOT NULL,
    "auditCode" TEXT NOT NULL,

    CONSTRAINT "collision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rotation_state" (
    "projectId" INTEGER NOT NULL,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rotation_state_pkey" PRIMARY KEY ("projectId")
);

-- CreateTable
CREATE TABLE "rotation_turn" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "localDate" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "leadKind" TEXT NOT NULL,
    "leadName" TEXT,
    "customerId" INTEGER,
    "filingId" INTEGER,
    "staffId" INTEGER NOT NULL,

    CONSTRAINT "rotation_turn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unit" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "areaCm2" INTEGER NOT NULL,
    "listPriceFen" BIGINT NOT NULL,
    "floorPriceFen" BIGINT NOT NULL,
    "basement" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'available',
    "depositId" INTEGER,
    "heldUntil" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deposit" (
    "id" SERIAL NOT NULL,
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
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "heldUntil" TIMESTAMP(3) NOT NULL,
    "decidedBy" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "deposit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refund" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "depositId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "requestedBy" INTEGER NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "decidedBy" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,

    CONSTRAINT "refund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscription" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "depositId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "priceFen" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "requestedBy" INTEGER NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "decidedBy" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,

    CONSTRAINT "subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "subscriptionId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "priceFen" BIGINT NOT NULL,
    "basement" BOOLEAN NOT NULL,
    "signedBy" INTEGER NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "localMonth" TEXT NOT NULL,

    CONSTRAINT "contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fine" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "staffId" INTEGER,
    "type" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "note" TEXT,
    "issuedBy" INTEGER NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "localMonth" TEXT NOT NULL,
    "severe" BOOLEAN NOT NULL DEFAULT false,
    "reversesId" INTEGER,

    CONSTRAINT "fine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dismissal" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "confirmedBy" INTEGER,

    CONSTRAINT "dismissal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "announcement" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "by" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "recurringId" INTEGER,

    CONSTRAINT "announcement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recurring_announcement" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "cron" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdBy" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),
    "firedThrough" TIMESTAMP(3),

    CONSTRAINT "recurring_announcement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER,
    "platform" TEXT NOT NULL,
    "targetKind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "availableAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "dedupeKey" TEXT,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scheduled_run" (
    "key" TEXT NOT NULL,
    "projectId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3) NOT NULL,
    "doneBy" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,

    CONSTRAINT "scheduled_run_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "sweep_cursor" (
    "projectId" INTEGER NOT NULL,
    "sweep" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "rowId" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sweep_cursor_pkey" PRIMARY KEY ("projectId","sweep")
);

-- CreateTable
CREATE TABLE "service_day" (
    "projectId" INTEGER NOT NULL,
    "localDate" TEXT NOT NULL,
    "firstSeen" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "service_day_pkey" PRIMARY KEY ("projectId","localDate")
);

-- CreateTable
CREATE TABLE "inbound_event" (
    "platform" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "inbound_event_pkey" PRIMARY KEY ("platform","eventId")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "seq" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,
    "actorStaffId" INTEGER,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "data" TEXT NOT NULL,
    "sourceMessageId" TEXT,
    "prevHash" TEXT,
    "hash" TEXT,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_head" (
    "projectId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_head_pkey" PRIMARY KEY ("projectId")
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
