/**
 * Builds a Prisma client for a database URL, on its driver adapter (lib/db/driver.ts) and the
 * generated client of its provider (lib/db/prisma.ts). Not server-only: the setup script and the
 * tests use it too; the app uses the single instance in client.server.ts. SQLite settings:
 * docs/decisions/0003-sqlite-pragmas.md; PostgreSQL's pool: docs/decisions/0017-postgresql.md.
 * The adapter is kept reachable for the bulk statements (lib/db/direct-lane.ts, ADR 39).
 */
import { env } from "@/lib/env";
import { type AdapterSlot, attachAdapterSlot, laneFactory } from "./direct-lane";
import { createAdapter, databaseProvider } from "./driver";
import { newPrismaClient, type PrismaClient } from "./prisma";

export function createPrismaClient(url: string = env.DATABASE_URL, pool: { max?: number } = {}): PrismaClient {
  const slot: AdapterSlot = {};
  const client = newPrismaClient(databaseProvider(url), laneFactory(createAdapter(url, pool), slot));
  return attachAdapterSlot(client, slot);
}
