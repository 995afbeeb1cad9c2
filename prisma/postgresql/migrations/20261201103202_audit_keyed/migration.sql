-- AlterTable
ALTER TABLE "audit_head" ADD COLUMN     "keyedFrom" INTEGER,
ADD COLUMN     "keyedTag" TEXT;
