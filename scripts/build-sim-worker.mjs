// Bundles the simulation worker (lib/sim-service/worker.ts and the engine) into one ESM file that
// a worker thread can load without a TypeScript loader. Run before `next build`, `next dev` and the tests.
import { build } from "esbuild";

await build({
  entryPoints: ["lib/sim-service/worker.ts"],
  outfile: ".sim-worker/worker.mjs",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
  // zod is resolved from node_modules at run time, like any server dependency.
  external: ["zod"],
});
