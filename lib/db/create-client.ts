/**
 * Builds a Prisma client on the driver adapter for a database URL (lib/db/driver.ts). Not
 * server-only: the setup script and the tests use it too; the app uses the single instance in
 * client.server.ts. SQLite settings: docs/decisions/0003-sqlite-pragmas.md.
 */
import { PrismaClient } from "@prisma/client";
import { env } from "@/lib/env";
import { createAdapter } from "./driver";

export function createPrismaClient(url: string = env.DATABASE_URL): PrismaClient {
  return new PrismaClient({ adapter: createAdapter(url) });
}
