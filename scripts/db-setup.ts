/**
 * `npm run db:setup` (which `npm start` runs): brings the database DATABASE_URL names up to date
 * and seeds the question bank. Idempotent; safe to run from several app servers at once.
 *
 * - SQLite: `prisma migrate deploy`, then WAL mode (persistent, so once is enough).
 * - PostgreSQL: the committed migrations through node-pg-migrate (docs/decisions/0018-postgres-migrations.md).
 *   The whole setup holds a session advisory lock: app servers started together set up one
 *   after another, and the later ones find nothing to do.
 *
 * A database that cannot be reached or opened gives one line naming the URL (password masked)
 * and what failed, and exit status 1 — never a stack trace.
 */
import pg from "pg";
import { loadQuestionBank } from "../lib/content/load";
import { createPrismaClient } from "../lib/db/create-client";
import { databaseFile, databaseProvider, databaseUrl } from "../lib/db/database-url";
import { describeDatabaseError } from "../lib/db/errors";
import { maskDatabaseUrl } from "../lib/db/provider";
import { seedQuestionBank } from "../lib/db/seed";
import { enableWal } from "../lib/db/settings";
import { migrateDatabase } from "./migrate";

/** Runs `work` while holding GradLab's setup lock on the PostgreSQL database at `url`. */
async function whileLocked<T>(url: string, work: () => Promise<T>): Promise<T> {
  const lock = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtextextended('gradlab db:setup', 0))");
    return await work();
  } finally {
    await lock.end(); // ending the session releases the lock
  }
}

async function setup(url: string): Promise<string> {
  return databaseProvider(url) === "postgres" ? whileLocked(url, () => migrateAndSeed(url)) : migrateAndSeed(url);
}

async function migrateAndSeed(url: string): Promise<string> {
  const provider = databaseProvider(url);
  const applied = await migrateDatabase(url);
  if (applied.length > 0) console.log(`applied migrations: ${applied.join(", ")}`);
  const prisma = createPrismaClient(url, { max: 2 });
  try {
    if (provider === "sqlite") await enableWal(prisma);
    const report = await seedQuestionBank(prisma, loadQuestionBank());
    const where = provider === "sqlite" ? databaseFile(url) : maskDatabaseUrl(url);
    return (
      `database ${where}: ${report.created.length} questions created, ${report.updated.length} updated, ` +
      `${report.unchanged} unchanged, ${report.unpublished.length} unpublished`
    );
  } finally {
    await prisma.$disconnect();
  }
}

let url = "";
try {
  url = databaseUrl();
  console.log(await setup(url));
} catch (error) {
  console.error(describeDatabaseError(url, error));
  process.exitCode = 1;
}
