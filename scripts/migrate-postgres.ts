/**
 * Applies the committed PostgreSQL migrations (prisma/postgres/migrations/<stamp>_<name>.sql,
 * written by `npm run db:migration`) with node-pg-migrate, recording each in the
 * _gradlab_migrations table. `prisma migrate deploy` cannot do it with the JS schema engine on
 * PostgreSQL in Prisma 6.19 (prisma/orm#27403); docs/decisions/0018-postgres-migrations.md.
 *
 * All pending migrations run in one transaction, under an advisory lock that a second caller
 * waits on: several app servers starting at once each run `db:setup`, and exactly one applies.
 *
 *   DATABASE_URL=postgresql://… tsx scripts/migrate-postgres.ts
 */
import path from "node:path";
import { runner } from "node-pg-migrate";
import { MIGRATIONS_TABLE, migrationsDir } from "@/lib/db/migrations";

const ROOT = path.resolve(import.meta.dirname, "..");
export const POSTGRES_MIGRATIONS_DIR = migrationsDir(ROOT, "postgres");

/** Applies every pending migration; returns the names applied now (empty when up to date). */
export async function migratePostgres(url: string, { log = false } = {}): Promise<string[]> {
  const quiet = () => {};
  const applied = await runner({
    databaseUrl: url,
    dir: POSTGRES_MIGRATIONS_DIR,
    migrationsTable: MIGRATIONS_TABLE,
    direction: "up",
    count: Number.POSITIVE_INFINITY,
    singleTransaction: true,
    checkOrder: true,
    advisoryLockMode: "wait",
    // Failures are thrown, and the caller reports them in one line (lib/db/errors.ts).
    logger: { debug: quiet, info: log ? console.log : quiet, warn: console.warn, error: quiet },
  });
  return applied.map((m) => m.name);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL ?? "";
  const names = await migratePostgres(url);
  console.log(names.length === 0 ? "PostgreSQL schema up to date" : `applied ${names.join(", ")}`);
}
