/**
 * Once per run (epic-stack style): migrate a base database with the real tools and seed the real
 * question bank into a copy, on SQLite or PostgreSQL (tests/support/test-databases.ts). Test
 * files copy these instead of migrating again.
 */

import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { ROOT, TMP_DIR } from "./paths";
import { prepareBaseDatabases, removeTestDatabases } from "./test-databases";

export default async function setup(): Promise<() => Promise<void>> {
  mkdirSync(TMP_DIR, { recursive: true });
  await removeTestDatabases();
  // The simulation worker thread loads a bundled file, as in production.
  execFileSync(process.execPath, ["scripts/build-sim-worker.mjs"], { cwd: ROOT, stdio: "inherit" });
  await prepareBaseDatabases();
  return removeTestDatabases;
}
