-- AlterTable
ALTER TABLE "outbox" ADD COLUMN     "parts" TEXT;

-- CreateTable
CREATE TABLE "downloads" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "forIdentity" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "downloads_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "downloads_tokenHash_key" ON "downloads"("tokenHash");
