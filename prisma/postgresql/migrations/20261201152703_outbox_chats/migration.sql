-- AlterTable
ALTER TABLE "outbox" ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "replyTo" TEXT;

-- CreateTable
CREATE TABLE "outbox_chat" (
    "key" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "nextAt" TIMESTAMP(3) NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "tokensAt" TIMESTAMP(3),
    "recent" TEXT NOT NULL DEFAULT '[]',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "failingSince" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "outbox_chat_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "outbox_platform" (
    "platform" TEXT NOT NULL,
    "failingSince" TIMESTAMP(3),
    "alertedAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "outbox_platform_pkey" PRIMARY KEY ("platform")
);
