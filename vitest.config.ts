import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
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
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // One migrated + seeded base database per run; each test file works on its own copy.
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/database-per-file.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
