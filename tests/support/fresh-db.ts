/** A new database copied from the migrated (unseeded) or seeded base, with its own client. */
import { createPrismaClient } from "@/lib/db/create-client";
import { copyBaseDatabase } from "./test-databases";

export async function freshDatabase({ seeded }: { seeded: boolean }) {
  const { url, file } = await copyBaseDatabase(seeded ? "seeded" : "migrated");
  return { file, url, prisma: createPrismaClient(url, { max: 4 }) };
}
