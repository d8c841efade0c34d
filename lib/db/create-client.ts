/**
 * Builds a Prisma client for a database URL, on its driver adapter (lib/db/driver.ts) and the
 * generated client of its provider (lib/db/prisma.ts). Not server-only: the setup script and the
 * tests use it too; the app uses the single instance in client.server.ts. SQLite settings:
 * docs/decisions/0003-sqlite-pragmas.md; PostgreSQL's pool: docs/decisions/0017-postgresql.md.
 */
import { env } from "@/lib/env";
import { createAdapter, databaseProvider } from "./driver";
import { newPrismaClient, type PrismaClient } from "./prisma";

export function createPrismaClient(url: string = env.DATABASE_URL, pool: { max?: number } = {}): PrismaClient {
  return newPrismaClient(databaseProvider(url), createAdapter(url, pool));
}
