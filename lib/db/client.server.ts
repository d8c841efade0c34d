import "server-only";
import { env } from "../env";
import { createPrismaClient } from "./create-client";
import type { PrismaClient } from "./prisma";

// One client per process; kept on globalThis so dev-mode hot reloads do not open new handles.
const globalForPrisma = globalThis as unknown as { __gradlabPrisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.__gradlabPrisma ?? createPrismaClient(env.DATABASE_URL);
globalForPrisma.__gradlabPrisma = prisma;
