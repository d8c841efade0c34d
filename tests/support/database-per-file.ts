/**
 * Before each integration test file: a private copy of the seeded base database, named by the
 * worker and file so parallel files never share one. Set before any app module is imported.
 */
import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { BASE_DB, TMP_DIR } from "./paths";

const file = path.join(TMP_DIR, `test-${process.env.VITEST_POOL_ID ?? "0"}-${randomUUID().slice(0, 8)}.db`);
copyFileSync(BASE_DB, file);
process.env.DATABASE_URL = `file:${file}`;
