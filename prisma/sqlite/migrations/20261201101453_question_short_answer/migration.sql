-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_QuestionTranslation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "questionId" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "shortAnswer" TEXT NOT NULL DEFAULT '',
    "answer" TEXT NOT NULL,
    "keyPoints" JSONB NOT NULL,
    "wrongAnswers" JSONB NOT NULL,
    CONSTRAINT "QuestionTranslation_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_QuestionTranslation" ("answer", "id", "keyPoints", "lang", "prompt", "questionId", "title", "wrongAnswers") SELECT "answer", "id", "keyPoints", "lang", "prompt", "questionId", "title", "wrongAnswers" FROM "QuestionTranslation";
DROP TABLE "QuestionTranslation";
ALTER TABLE "new_QuestionTranslation" RENAME TO "QuestionTranslation";
CREATE UNIQUE INDEX "QuestionTranslation_questionId_lang_key" ON "QuestionTranslation"("questionId", "lang");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

