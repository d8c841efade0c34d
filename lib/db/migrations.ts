/**
 * Where each database's committed migrations live and where it records the applied ones:
 * SQLite through `prisma migrate deploy` (_prisma_migrations), PostgreSQL through node-pg-migrate
 * (_gradlab_migrations; ADR 18). Shared by the migrate scripts and the server's start-up check.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { DbProvider } from "@/lib/env";

export const MIGRATIONS_TABLE = "_gradlab_migrations";

/** The committed migrations' folder for a provider, under the project root `root`. */
export function migrationsDir(root: string, provider: DbProvider): string {
  return path.join(root, "prisma", provider, "migrations");
}

/**
 * The committed migrations' names in order (SQLite: its folders; PostgreSQL: its .sql files
 * without the extension), or null when the folder is not there (a deployment without prisma/).
 */
export function committedMigrations(root: string, provider: DbProvider): string[] | null {
  let entries: { name: string; isDirectory(): boolean }[];
  try {
    entries = readdirSync(migrationsDir(root, provider), { withFileTypes: true });
  } catch {
    return null;
  }
  const names =
    provider === "postgres"
      ? entries.filter((e) => e.name.endsWith(".sql")).map((e) => e.name.slice(0, -".sql".length))
      : entries.filter((e) => e.isDirectory()).map((e) => e.name);
  return names.sort();
}

/** The statement listing the migrations a provider's database has applied (one `name` column). */
export function appliedMigrationsSql(provider: DbProvider): string {
  return provider === "postgres"
    ? `SELECT name FROM "${MIGRATIONS_TABLE}"`
    : "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";
}

/** The committed migrations missing from `applied`, in order. */
export function pendingMigrations(committed: readonly string[], applied: readonly string[]): string[] {
  const done = new Set(applied);
  return committed.filter((name) => !done.has(name));
}
