import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
// The database of this run (tests/support/test-databases.ts): PostgreSQL inside
// `npm run test:postgres` (scripts/postgres.ts sets GRADLAB_PG_URL), else SQLite. Files named
// *.sqlite.test.ts or *.postgres.test.ts test what only that database has; all others run on both.
const onPostgres = Boolean(process.env.GRADLAB_PG_URL);
const otherProvidersTests = onPostgres ? "tests/**/*.sqlite.test.ts" : "tests/**/*.postgres.test.ts";
const resolve = {
  alias: {
    "@": root,
    // server-only throws outside React Server Components; tests import those modules directly.
    "server-only": path.join(root, "tests/support/server-only-stub.ts"),
  },
};

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        // Generous timeouts: the suite runs files in parallel on two cores; tests assert behaviour, not speed.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
      },
      {
        resolve,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          exclude: [otherProvidersTests],
          environment: "node",
          // One migrated + seeded base database per run; each test file works on its own copy.
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/database-per-file.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
