/**
 * Builds a Prisma client on the better-sqlite3 driver adapter. Not server-only: the seed,
 * scripts and tests use it too. The app uses the single instance in client.server.ts.
 *
 * SQLite settings (docs/decisions/0003-sqlite-pragmas.md): busy timeout via the driver's
 * `timeout`; WAL is a property of the file, set once by scripts/db-setup.ts; foreign keys and
 * synchronous=NORMAL-under-WAL are better-sqlite3's compiled defaults, asserted by a test.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { databaseUrl, ensureDatabaseDir } from "./database-url";

export const BUSY_TIMEOUT_MS = 5000;

export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  ensureDatabaseDir(url);
  const adapter = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}
