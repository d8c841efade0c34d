/**
 * Everything that knows the database driver: SQLite through better-sqlite3 (ADR 1, 2, 3). The URL
 * is validated by lib/env.ts; the app's client (create-client.ts), the Prisma CLI
 * (prisma.config.ts), better-auth and the setup script get their driver facts from here, so
 * another driver is a change to this file and the schema's provider.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaClient } from "@prisma/client";

/** A second process (the seed, a script) waits this long for the write lock instead of failing. */
export const BUSY_TIMEOUT_MS = 5000;

/** The provider name Prisma and better-auth use for a database URL. */
export function databaseProvider(url: string): "sqlite" {
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`no database driver for ${url.split(":")[0]}: URLs`);
}

/** Absolute path of the database file behind a file: URL (relative paths resolve from the project root). */
export function databaseFile(url: string): string {
  const file = url.slice("file:".length).split("?")[0] ?? "";
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

/** Prisma's driver adapter for a database URL; creates the folder that holds the file. */
export function createAdapter(url: string): PrismaBetterSQLite3 {
  mkdirSync(path.dirname(databaseFile(url)), { recursive: true });
  return new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS });
}

/**
 * WAL journal mode (ADR 3): readers never block the writer and commits are cheaper. It is stored
 * in the database file, so setting it once (scripts/db-setup.ts) is enough; with it, better-sqlite3's
 * compiled default synchronous level is NORMAL.
 */
export async function enableWal(prisma: PrismaClient): Promise<void> {
  const [row] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode = WAL");
  if (row?.journal_mode !== "wal") throw new Error(`could not switch the database to WAL (got ${row?.journal_mode})`);
}
