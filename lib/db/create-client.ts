/**
 * Builds a Prisma client for DATABASE_URL's provider, on its driver adapter. Not server-only:
 * the seed, scripts and tests use it too. The app uses the single instance in client.server.ts.
 *
 * SQLite (docs/decisions/0003-sqlite-pragmas.md): busy timeout via the driver's `timeout`; WAL is
 * a property of the file, set once by scripts/db-setup.ts; foreign keys and
 * synchronous=NORMAL-under-WAL are better-sqlite3's compiled defaults, asserted by a test.
 *
 * PostgreSQL (docs/decisions/0017-postgresql.md): a bounded pool per process; every statement,
 * connection attempt and idle transaction has a time limit, so no request waits forever.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseProvider, databaseUrl, ensureDatabaseDir } from "./database-url";
import { newPrismaClient, type PrismaClient } from "./prisma";

export const BUSY_TIMEOUT_MS = 5000;

export const POSTGRES_POOL = {
  /** connections per process: two app servers × 10 stay far below PostgreSQL's default 100 */
  max: 10,
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 15_000,
  idle_in_transaction_session_timeout: 15_000,
} as const;

export function createPrismaClient(url: string = databaseUrl(), pool: { max?: number } = {}): PrismaClient {
  if (databaseProvider(url) === "postgres") {
    return newPrismaClient("postgres", new PrismaPg({ connectionString: url, ...POSTGRES_POOL, ...pool }));
  }
  ensureDatabaseDir(url);
  return newPrismaClient("sqlite", new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS }));
}
