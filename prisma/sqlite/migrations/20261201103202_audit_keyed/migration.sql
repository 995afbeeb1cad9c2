-- AlterTable
ALTER TABLE "audit_head" ADD COLUMN "keyedFrom" INTEGER;
ALTER TABLE "audit_head" ADD COLUMN "keyedTag" TEXT;
