// Bundles the production server (server.ts and the few modules of ours it imports) into one ESM
// file that plain `node` runs; packages stay in node_modules. Run by `npm run build`.
import { build } from "esbuild";

await build({
  entryPoints: ["server.ts"],
  outfile: ".server/server.mjs",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
  packages: "external",
});
