-- AlterTable
ALTER TABLE "User" ADD COLUMN "fsrsFit" JSONB;

