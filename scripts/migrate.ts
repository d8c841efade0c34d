/**
 * Applies the committed migrations of whichever database `url` names: `prisma migrate deploy`
 * for SQLite (prisma/sqlite/migrations), node-pg-migrate for PostgreSQL
 * (prisma/postgres/migrations; docs/decisions/0018-postgres-migrations.md). Returns the
 * PostgreSQL migrations applied now (SQLite's CLI reports its own).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { databaseProvider } from "@/lib/db/driver";
import { migratePostgres } from "./migrate-postgres";

const ROOT = path.resolve(import.meta.dirname, "..");

export async function migrateDatabase(url: string): Promise<string[]> {
  if (databaseProvider(url) === "postgres") return migratePostgres(url);
  execFileSync(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "pipe"],
  });
  return [];
}
