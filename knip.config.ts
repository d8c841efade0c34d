/**
 * knip (unused files, exports and dependencies), run by `npm run lint`. Entry points Next.js,
 * Vitest and Playwright do not declare are listed here.
 */
import type { KnipConfig } from "knip";

const config: KnipConfig = {
  entry: [
    "scripts/*.{ts,mjs}",
    // bundled by scripts/build-sim-worker.mjs and loaded by piscina at run time
    "lib/sim-service/worker.ts",
    // started by lib/lab/browser-runner.ts as new Worker(new URL("./engine.worker.ts", import.meta.url))
    "lib/lab/engine.worker.ts",
    // the production server, bundled by scripts/build-server.mjs
    "server.ts",
    // a calibration script kept with the engine's tests (lib/sim/README.md, cost model)
    "tests/unit/sim/calibrate-cost.ts",
    // vitest.config.ts aliases "server-only" to it
    "tests/support/server-only-stub.ts",
  ],
  // An export also used inside its own module (a schema composed into a bigger one) is not dead.
  ignoreExportsUsedInFile: true,
  // The engine and its tests are tidied on their own schedule (issue 14, "The engine, quieter");
  // their unused exports are theirs to prune.
  ignore: ["lib/sim/**", "tests/unit/sim/**"],
  // @axe-core/playwright's peer dependency, pinned so the accessibility rules do not drift; the
  // two Prisma clients, generated into node_modules at install from prisma/models.prisma (ADR 17).
  ignoreDependencies: ["axe-core", "@gradlab/prisma-sqlite", "@gradlab/prisma-postgres"],
  // The data model's source and the PostgreSQL schema are read by the Prisma CLI and our scripts.
  ignoreFiles: ["prisma/**"],
};

export default config;
