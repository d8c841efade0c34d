import { defineConfig, devices } from "@playwright/test";
import { toolEnv } from "./lib/env";
import { e2eDatabaseUrl } from "./tests/support/e2e-database";

/**
 * End-to-end tests against the production build (`npm run build` first) served as in production
 * (server.ts, `npm run serve`), in Debian's Chromium. The server runs on its own database — a
 * SQLite file under tests/.tmp, or inside `npm run test:postgres` a database on the throwaway
 * PostgreSQL server — emptied, then migrated and seeded by the same `npm run db:setup` that
 * `npm start` uses.
 */
const tools = toolEnv();
export const E2E_PORT = tools.E2E_PORT;
export const E2E_DATABASE_URL = e2eDatabaseUrl("e2e");

export const CHROMIUM_LAUNCH = {
  executablePath: tools.CHROMIUM_PATH,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  // *.postgres.spec.ts need the PostgreSQL server of `npm run test:postgres` (tests/support/e2e-database.ts).
  testIgnore: tools.GRADLAB_PG_URL ? "**/*.sqlite.spec.ts" : "**/*.postgres.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: tools.CI,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: CHROMIUM_LAUNCH } }],
  webServer: {
    command: "npx tsx tests/support/e2e-database.ts reset && npm run -s db:setup && npm run -s serve",
    url: `http://127.0.0.1:${E2E_PORT}/api/questions`,
    // Every browser of the suite comes from 127.0.0.1: the per-address guest limit (tested in
    // tests/integration/guests.test.ts) would otherwise count the whole suite, fuzzing included, as one visitor.
    env: {
      DATABASE_URL: E2E_DATABASE_URL,
      HOST: "127.0.0.1",
      PORT: String(E2E_PORT),
      GUEST_CREATIONS_PER_HOUR: "100000",
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
