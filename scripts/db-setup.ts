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
import type { DbProvider } from "@/lib/env";

// Imported inside main(): lib/env validates DATABASE_URL as it loads, and a bad one must end in
// one line, not in an uncaught exception's stack.
type Modules = {
  loadQuestionBank: typeof import("@/lib/content/load").loadQuestionBank;
  createPrismaClient: typeof import("@/lib/db/create-client").createPrismaClient;
  driver: typeof import("@/lib/db/driver");
  seedQuestionBank: typeof import("@/lib/db/seed").seedQuestionBank;
  migrateDatabase: typeof import("./migrate").migrateDatabase;
  maskDatabaseUrl: typeof import("@/lib/env").maskDatabaseUrl;
};
let m: Modules;

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
  const provider: DbProvider = m.driver.databaseProvider(url);
  return provider === "postgres" ? whileLocked(url, () => migrateAndSeed(url)) : migrateAndSeed(url);
}

async function migrateAndSeed(url: string): Promise<string> {
  const provider = m.driver.databaseProvider(url);
  const applied = await m.migrateDatabase(url);
  if (applied.length > 0) console.log(`applied migrations: ${applied.join(", ")}`);
  const prisma = m.createPrismaClient(url, { max: 2 });
  try {
    if (provider === "sqlite") await m.driver.enableWal(prisma);
    const report = await m.seedQuestionBank(prisma, m.loadQuestionBank());
    const where = provider === "sqlite" ? m.driver.databaseFile(url) : m.maskDatabaseUrl(url);
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
  const [content, client, driver, seed, migrate, env] = await Promise.all([
    import("@/lib/content/load"),
    import("@/lib/db/create-client"),
    import("@/lib/db/driver"),
    import("@/lib/db/seed"),
    import("./migrate"),
    import("@/lib/env"),
  ]);
  m = {
    loadQuestionBank: content.loadQuestionBank,
    createPrismaClient: client.createPrismaClient,
    driver,
    seedQuestionBank: seed.seedQuestionBank,
    migrateDatabase: migrate.migrateDatabase,
    maskDatabaseUrl: env.maskDatabaseUrl,
  };
  url = env.env.DATABASE_URL;
  console.log(await setup(url));
} catch (error) {
  const { describeDatabaseError } = await import("@/lib/db/errors").catch(() => ({ describeDatabaseError: null }));
  const message = error instanceof Error ? error.message : String(error);
  console.error(url && describeDatabaseError ? describeDatabaseError(url, error) : message);
  process.exitCode = 1;
}
