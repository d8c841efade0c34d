/**
 * Once per run (epic-stack style): migrate a base database with the real CLI and seed the real
 * question bank into a copy. Test files copy these instead of migrating again.
 */

import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { loadQuestionBank } from "@/lib/content/load";
import { createPrismaClient } from "@/lib/db/create-client";
import { enableWal } from "@/lib/db/driver";
import { seedQuestionBank } from "@/lib/db/seed";
import { migrateFresh } from "./migrate";
import { BASE_DB, MIGRATED_DB, ROOT, TMP_DIR } from "./paths";

function removeTestDatabases(): void {
  for (const name of readdirSync(TMP_DIR)) {
    if (/^(test|fresh)-.*\.db(-wal|-shm|-journal)?$/.test(name)) rmSync(path.join(TMP_DIR, name), { force: true });
  }
}

export default async function setup(): Promise<() => void> {
  mkdirSync(TMP_DIR, { recursive: true });
  removeTestDatabases();
  // The simulation worker thread loads a bundled file, as in production.
  execFileSync(process.execPath, ["scripts/build-sim-worker.mjs"], { cwd: ROOT, stdio: "inherit" });
  migrateFresh(MIGRATED_DB);
  const migrated = createPrismaClient(`file:${MIGRATED_DB}`);
  await enableWal(migrated);
  await migrated.$disconnect();
  copyFileSync(MIGRATED_DB, BASE_DB);
  const prisma = createPrismaClient(`file:${BASE_DB}`);
  try {
    await seedQuestionBank(prisma, loadQuestionBank());
  } finally {
    await prisma.$disconnect();
  }
  return removeTestDatabases;
}
