/** The app's one Prisma client; kept on globalThis so dev-mode hot reloads do not open new handles. */
import "server-only";
import { createPrismaClient } from "./create-client";
import type { PrismaClient } from "./prisma";

const globalForPrisma = globalThis as unknown as { __gradlabPrisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.__gradlabPrisma ?? createPrismaClient();
globalForPrisma.__gradlabPrisma = prisma;
