/**
 * The import rules of docs/architecture.md, checked by `npm run lint` (dependency-cruiser 16).
 * Each rule names the arrow it enforces; a violation is an error. To see the graph:
 *   npx depcruise app components lib --config .dependency-cruiser.cjs --output-type dot | dot -T svg > deps.svg
 */

/** Modules that run only on the server: the data layer, services, the environment, anything named *.server. */
const SERVER = ["^lib/db/", "[.]server[.]tsx?$", "^lib/sim-service/", "^lib/drill-service/", "^lib/env[.]ts$"];
/** Request state: only pages, route handlers, actions and services read it. */
const REQUEST = ["^node_modules/next/headers[.]js$"];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycles, type-only ones included (outside the engine, see the next rule).",
      from: { pathNot: "^lib/sim/" },
      to: { circular: true },
    },
    {
      name: "no-runtime-circular-in-engine",
      severity: "error",
      comment:
        "The engine may have type-only cycles (schema.ts ↔ cost.ts share SimConfig) but no runtime ones; " +
        "untangling the type cycle is the engine's own business.",
      from: { path: "^lib/sim/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "no-folder-cycles",
      severity: "error",
      comment: "Folders form layers: two folders never import each other, however indirectly.",
      scope: "folder",
      from: { path: "^(app|components|lib)/" },
      to: { circular: true },
    },
    {
      name: "sim-imports-nothing-of-ours",
      severity: "error",
      comment: "lib/sim is the engine: pure TypeScript, no I/O, no imports from the rest of the app.",
      from: { path: "^lib/sim/" },
      to: { pathNot: ["^lib/sim/", "^node_modules/zod/"] },
    },
    {
      name: "sim-through-its-index",
      severity: "error",
      comment: "Outside the engine, lib/sim is read through its public index (lib/sim/index.ts) only.",
      from: { path: "^(app|components|lib|scripts)/", pathNot: ["^lib/sim/", "^scripts/bench"] },
      to: { path: "^lib/sim/", pathNot: "^lib/sim/index[.]ts$" },
    },
    {
      name: "app-is-imported-by-nothing",
      severity: "error",
      comment: "Routes are the top layer: lib, components and scripts never import from app/ (tests may).",
      from: { path: "^(lib|components|scripts)/" },
      to: { path: "^app/" },
    },
    {
      name: "lib-does-not-render",
      severity: "error",
      comment: "lib/ holds logic and data; it never imports components.",
      from: { path: "^(lib|scripts)/" },
      to: { path: "^components/" },
    },
    {
      name: "components-get-server-things-as-props",
      severity: "error",
      comment:
        "Components never import the database, services, the environment or request state (nor app/, " +
        "where actions live): pages pass them data and actions as props (types for those props may be imported).",
      from: { path: "^components/" },
      to: { path: [...SERVER, ...REQUEST], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "pure-lib-stays-pure",
      severity: "error",
      comment:
        "Feature logic (schemas, grading, scheduling, charts, …) is pure and safe in the browser: " +
        "it never imports the server layers.",
      from: { path: "^lib/", pathNot: [...SERVER, "^lib/sim/", "^lib/i18n/request[.]ts$"] },
      to: { path: [...SERVER, ...REQUEST] },
    },
    {
      name: "db-is-the-data-layer",
      severity: "error",
      comment: "lib/db answers queries; it never calls up into services, actions or Next.js.",
      from: { path: "^lib/db/" },
      to: { path: ["^lib/(?!db/)[^/]+/.*[.]server[.]ts$", "^lib/sim-service/", "^node_modules/next/"] },
    },
    {
      name: "prisma-stays-in-db",
      severity: "error",
      comment:
        "Only lib/db talks to Prisma and the driver (better-auth's adapter, in lib/accounts/auth.server.ts, " +
        "is handed the one client; the import benchmark reads and writes beside the import on that same client, " +
        "as other requests of the app server do).",
      from: {
        path: "^(app|components|lib|scripts)/",
        pathNot: ["^lib/db/", "^lib/accounts/auth[.]server[.]ts$", "^scripts/bench-import[.]ts$"],
      },
      to: {
        path: [
          "^node_modules/@prisma/",
          "^node_modules/[.]prisma/",
          "^node_modules/better-sqlite3/",
          "^lib/db/client[.]server[.]ts$",
        ],
      },
    },
    {
      name: "actions-live-with-their-route",
      severity: "error",
      comment:
        "Server actions live in app/, next to the route whose forms use them (ADR 14); lib/ and " +
        "components/ hold none.",
      from: {},
      to: { path: ["^(lib|components)/actions[.]tsx?$", "^(lib|components)/.*/actions[.]tsx?$"] },
    },
    {
      name: "at-imports-across-folders",
      severity: "error",
      comment:
        "Outside the engine, a module outside one's own folder is imported as @/…, never as ../x. " +
        "Not yet converted: the engine's and the question bank's scripts and tests. (Folders whose " +
        "names hold regex characters, app/[slug] and app/(group), are not matched: keep to @/ there too.)",
      from: {
        path: "^([\\w./-]+)/[^/]+$",
        pathNot: [
          "^lib/sim/",
          "^tests/unit/(sim|kernels|content)/",
          "^scripts/bench",
          "^scripts/content-lint[.]ts$",
          // prisma.config.ts loads it, and the Prisma CLI's loader knows no path aliases.
          "^lib/db/driver[.]ts$",
        ],
      },
      to: { dependencyTypes: ["local"], dependencyTypesNot: ["aliased"], pathNot: "^$1/" },
    },
    {
      name: "no-dev-dependencies-in-the-app",
      severity: "error",
      comment: "What ships (app, components, lib) uses dependencies, not devDependencies.",
      from: { path: "^(app|components|lib)/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to nothing is a typo or a missing package.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "^node_modules/" },
    exclude: { path: ["^[.]next/", "^tests/[.]tmp/"] },
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports count: a type of the server layer in a component would still couple them.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
