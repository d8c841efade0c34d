-- AlterTable
ALTER TABLE "QuestionTranslation" ADD COLUMN     "shortAnswer" TEXT NOT NULL DEFAULT '';

