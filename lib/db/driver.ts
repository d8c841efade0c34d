/**
 * Everything that knows the database drivers: SQLite through better-sqlite3 (ADR 1, 2, 3) and
 * PostgreSQL through pg (ADR 17), picked by the URL's scheme. The URL is validated by lib/env.ts;
 * the app's client (create-client.ts), the Prisma CLI (prisma.config.ts), better-auth and the
 * setup script get their driver facts from here.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
// Relative, not @/: prisma.config.ts loads this file, and the Prisma CLI knows no path aliases.
import { type DbProvider, databaseUrlProblem, maskDatabaseUrl, providerOf } from "../env";
import type { PrismaClient } from "./prisma";

/** A second process (the seed, a script) waits this long for the SQLite write lock instead of failing. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * PostgreSQL: a bounded pool per process, and a time limit on connecting, on every statement and
 * on an idle transaction, so no request waits forever. Two app servers × 10 stay far below
 * PostgreSQL's default 100 connections.
 */
export const POSTGRES_POOL = {
  max: 10,
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 15_000,
  idle_in_transaction_session_timeout: 15_000,
} as const;

/** Which database a URL names; a URL that names none is refused with the password masked. */
export function databaseProvider(url: string): DbProvider {
  const problem = databaseUrlProblem(url);
  const provider = providerOf(url);
  if (problem || !provider) throw new Error(`DATABASE_URL ${problem} (got "${maskDatabaseUrl(url)}")`);
  return provider;
}

/** Absolute path of the database file behind a file: URL (relative paths resolve from the project root). */
export function databaseFile(url: string): string {
  if (databaseProvider(url) !== "sqlite") throw new Error("databaseFile() needs a SQLite file: URL");
  const file = url.slice("file:".length).split("?")[0] ?? "";
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

/** Prisma's driver adapter for a database URL; for SQLite, creates the folder that holds the file. */
export function createAdapter(url: string, pool: { max?: number } = {}): PrismaBetterSQLite3 | PrismaPg {
  if (databaseProvider(url) === "postgres") return new PrismaPg({ connectionString: url, ...POSTGRES_POOL, ...pool });
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
