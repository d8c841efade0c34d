/** A new database file copied from the migrated (unseeded) or seeded base, with its own client. */
import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/create-client";
import { BASE_DB, MIGRATED_DB, TMP_DIR } from "./paths";

export function freshDatabase({ seeded }: { seeded: boolean }) {
  const file = path.join(TMP_DIR, `fresh-${randomUUID().slice(0, 8)}.db`);
  copyFileSync(seeded ? BASE_DB : MIGRATED_DB, file);
  const url = `file:${file}`;
  return { file, url, prisma: createPrismaClient(url) };
}
