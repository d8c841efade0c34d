/**
 * Test databases for whichever database the run uses: a real PostgreSQL server when
 * GRADLAB_PG_URL names one (`npm run test:postgres` starts a throwaway server with
 * scripts/postgres.ts, which sets it), else SQLite files.
 *
 * Once per run, a migrated and a seeded base database are prepared (epic-stack's pattern); each
 * test file then works on its own copy: a copied file for SQLite, `CREATE DATABASE … TEMPLATE`
 * for PostgreSQL (a file-level copy inside the server, a fraction of a second).
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
// Types only from lib/env: importing it would read DATABASE_URL before the per-file setup sets it.
import type { DbProvider } from "@/lib/env";
import { migratePostgres } from "@/scripts/migrate-postgres";
import { BASE_DB, MIGRATED_DB, ROOT, TMP_DIR } from "./paths";

/** The provider this test run uses. */
export const TEST_PROVIDER: DbProvider = process.env.GRADLAB_PG_URL ? "postgres" : "sqlite";

const PG_BASE = { migrated: "gradlab_test_migrated", seeded: "gradlab_test_seeded" } as const;
const PG_COPY_PREFIX = "gradlab_test_copy_";

/** The throwaway server's application database URL (PostgreSQL runs only). */
function serverUrl(): string {
  const url = process.env.GRADLAB_PG_URL;
  if (!url) throw new Error("a PostgreSQL test run needs GRADLAB_PG_URL (npm run test:postgres)");
  return url;
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Applies the committed migrations to a new, empty database with the real tools (prisma migrate deploy / node-pg-migrate). */
export function migrateSqliteFile(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  execFileSync(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: "pipe",
  });
}

/** A new, empty PostgreSQL database on the test server; returns its URL. */
export async function createEmptyPostgresDatabase(name: string): Promise<string> {
  await onServer(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  return withDatabase(serverUrl(), name);
}

/** Global setup: the migrated and the seeded base databases. */
export async function prepareBaseDatabases(): Promise<void> {
  // Imported here, not above: lib/env reads DATABASE_URL once, when first imported, and the
  // per-file setup (which imports this module) sets it first.
  const [{ loadQuestionBank }, { createPrismaClient }, { seedQuestionBank }, { enableWal }] = await Promise.all([
    import("@/lib/content/load"),
    import("@/lib/db/create-client"),
    import("@/lib/db/seed"),
    import("@/lib/db/driver"),
  ]);
  const bank = loadQuestionBank();
  if (TEST_PROVIDER === "sqlite") {
    migrateSqliteFile(MIGRATED_DB);
    const migrated = createPrismaClient(`file:${MIGRATED_DB}`);
    await enableWal(migrated);
    await migrated.$disconnect();
    copyFileSync(MIGRATED_DB, BASE_DB);
    const prisma = createPrismaClient(`file:${BASE_DB}`);
    try {
      await seedQuestionBank(prisma, bank);
    } finally {
      await prisma.$disconnect();
    }
    return;
  }
  await migratePostgres(await createEmptyPostgresDatabase(PG_BASE.migrated));
  await onServer(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${PG_BASE.seeded}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${PG_BASE.seeded}" TEMPLATE "${PG_BASE.migrated}"`);
  });
  const prisma = createPrismaClient(withDatabase(serverUrl(), PG_BASE.seeded), { max: 2 });
  try {
    await seedQuestionBank(prisma, bank);
  } finally {
    await prisma.$disconnect();
  }
}

export type TestDatabase = { url: string /** the SQLite file, null on PostgreSQL */; file: string | null };

/** A private copy of the migrated (unseeded) or the seeded base database. */
export async function copyBaseDatabase(from: keyof typeof PG_BASE, label = "fresh"): Promise<TestDatabase> {
  const id = `${process.env.VITEST_POOL_ID ?? "0"}_${randomUUID().slice(0, 8)}`;
  if (TEST_PROVIDER === "sqlite") {
    const file = path.join(TMP_DIR, `${label}-${id}.db`);
    copyFileSync(from === "seeded" ? BASE_DB : MIGRATED_DB, file);
    return { url: `file:${file}`, file };
  }
  const name = `${PG_COPY_PREFIX}${label}_${id}`;
  // A template must have no other sessions while it is copied; parallel copies may collide, so retry.
  for (let attempt = 0; ; attempt++) {
    try {
      await onServer((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${PG_BASE[from]}"`));
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  return { url: withDatabase(serverUrl(), name), file: null };
}

/** A database that exists but has nothing in it yet (SQLite: a file not yet created). */
export async function emptyDatabase(): Promise<TestDatabase> {
  const id = `${process.env.VITEST_POOL_ID ?? "0"}_${randomUUID().slice(0, 8)}`;
  if (TEST_PROVIDER === "sqlite") {
    const file = path.join(TMP_DIR, `fresh-${id}.db`);
    return { url: `file:${file}`, file };
  }
  return { url: await createEmptyPostgresDatabase(`${PG_COPY_PREFIX}empty_${id}`), file: null };
}

/** Removes every copy made by this run (global teardown). */
export async function removeTestDatabases(): Promise<void> {
  if (TEST_PROVIDER === "sqlite") {
    for (const name of readdirSync(TMP_DIR)) {
      if (/^(test|fresh)-.*\.db(-wal|-shm|-journal)?$/.test(name)) rmSync(path.join(TMP_DIR, name), { force: true });
    }
    return;
  }
  await onServer(async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `${PG_COPY_PREFIX}%`,
    ]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
