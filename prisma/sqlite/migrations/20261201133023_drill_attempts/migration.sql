-- CreateTable
CREATE TABLE "DrillAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "expected" JSONB NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "errorDecades" REAL,
    "margin" REAL NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DrillAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DrillAttempt_userId_createdAt_idx" ON "DrillAttempt"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DrillAttempt_userId_family_seed_key" ON "DrillAttempt"("userId", "family", "seed");

