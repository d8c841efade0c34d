-- CreateTable
CREATE TABLE "DrillAttempt" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "expected" JSONB NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "errorDecades" DOUBLE PRECISION,
    "margin" DOUBLE PRECISION NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DrillAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DrillAttempt_userId_createdAt_idx" ON "DrillAttempt"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DrillAttempt_userId_family_seed_key" ON "DrillAttempt"("userId", "family", "seed");

-- AddForeignKey
ALTER TABLE "DrillAttempt" ADD CONSTRAINT "DrillAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

