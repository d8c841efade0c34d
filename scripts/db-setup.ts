/**
 * Brings the database up to date after `prisma migrate deploy`: switches the file to WAL
 * (persistent, so once is enough) and seeds the question bank (idempotent).
 * Run by `npm run db:setup`, which `npm start` calls; importing lib/env validates the environment first.
 */
import { loadQuestionBank } from "@/lib/content/load";
import { createPrismaClient } from "@/lib/db/create-client";
import { databaseFile, enableWal } from "@/lib/db/driver";
import { seedQuestionBank } from "@/lib/db/seed";
import { env } from "@/lib/env";

const prisma = createPrismaClient(env.DATABASE_URL);
try {
  await enableWal(prisma);
  const report = await seedQuestionBank(prisma, loadQuestionBank());
  console.log(
    `database ${databaseFile(env.DATABASE_URL)}: ${report.created.length} questions created, ` +
      `${report.updated.length} updated, ${report.unchanged} unchanged, ${report.unpublished.length} unpublished`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
