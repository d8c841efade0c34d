/**
 * The import rules of docs/architecture.md are enforced: a deliberate violation of each kind makes
 * the lint's dependency check (`npm run lint:deps`, part of `npm run lint`) fail, naming the rule,
 * and the rest of the code base breaks none of them.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "@/tests/support/paths";

const tag = `violation${randomUUID().slice(0, 8)}`;
/** Files that each break one rule, written into the tree the lint checks, removed afterwards. */
const violations: { file: string; source: string; rules: string[] }[] = [
  {
    file: `components/${tag}.tsx`,
    source: `import { prisma } from "@/lib/db/client.server";\nexport const leak = prisma;\n`,
    rules: ["components-get-server-things-as-props", "prisma-stays-in-db"],
  },
  {
    file: `lib/progress/${tag}.ts`,
    source: `import { setTheme } from "@/app/actions";\nexport const upward = setTheme;\n`,
    rules: ["app-is-imported-by-nothing"],
  },
  {
    file: `lib/sim/${tag}.ts`,
    source: `import { env } from "@/lib/env";\nexport const io = env;\n`,
    rules: ["sim-imports-nothing-of-ours"],
  },
  {
    file: `lib/charts/${tag}.ts`,
    source: `import { parseSimConfig } from "@/lib/sim/schema";\nexport const internal = parseSimConfig;\n`,
    rules: ["sim-through-its-index"],
  },
  {
    file: `lib/quiz/${tag}.ts`,
    source: `import { jsonError } from "../http/json";\nexport const relative = jsonError;\n`,
    rules: ["at-imports-across-folders"],
  },
  {
    file: `lib/ui/${tag}-a.ts`,
    source: `import { b } from "./${tag}-b";\nexport const a = () => b;\n`,
    rules: ["no-circular"],
  },
  {
    file: `lib/ui/${tag}-b.ts`,
    source: `import { a } from "./${tag}-a";\nexport const b = () => a;\n`,
    rules: ["no-circular"],
  },
];

/** One reported violation: the rule and every module or folder its report names (a cycle names them all). */
type Violation = { rule: string; modules: string[] };

/** Runs exactly what `npm run lint` runs for the import rules, and reads its report. */
function lintDeps(): { status: number; violations: Violation[] } {
  let status = 0;
  let out: string;
  try {
    out = execFileSync("npm", ["run", "-s", "lint:deps"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      // CI=true makes the reporter colour its output even into a pipe; ask for none, strip any left
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
    });
  } catch (e) {
    const failed = e as { status: number; stdout: string };
    status = failed.status;
    out = failed.stdout;
  }
  const violations: Violation[] = [];
  for (const line of stripVTControlCharacters(out).split("\n")) {
    const start = /^\s*error ([a-z-]+): (.*)$/.exec(line);
    if (start) violations.push({ rule: start[1] as string, modules: [] });
    const current = violations[violations.length - 1];
    if (current)
      current.modules.push(...(line.match(/\b(?:app|components|lib|scripts|tests)(?:\/[\w.@[\]()-]+)*/g) ?? []));
  }
  return { status, violations };
}

afterAll(() => {
  for (const v of violations) rmSync(path.join(ROOT, v.file), { force: true });
});

describe("the import rules (dependency-cruiser in npm run lint)", () => {
  it("fail the lint on a deliberate violation of each kind, naming the rule, and only there", () => {
    for (const v of violations) {
      mkdirSync(path.dirname(path.join(ROOT, v.file)), { recursive: true });
      writeFileSync(path.join(ROOT, v.file), v.source);
    }
    const { status, violations: found } = lintDeps();
    expect(status).not.toBe(0);
    for (const v of violations)
      for (const rule of v.rules)
        expect(
          found.some((f) => f.rule === rule && f.modules.includes(v.file)),
          `${rule} for ${v.file}`,
        ).toBe(true);
    // the app import also makes lib/progress and app/ depend on each other: a folder cycle
    expect(found.some((f) => f.rule === "no-folder-cycles" && f.modules.includes("lib/progress"))).toBe(true);
    // every violation involves a planted file, or (folder cycles) goes through app/, which only the
    // planted import reaches from lib/: the real code breaks no rule
    const caused = (f: Violation) =>
      f.modules.some((m) => m.includes(tag)) || (f.rule === "no-folder-cycles" && f.modules.includes("app"));
    expect(found.filter((f) => !caused(f))).toEqual([]);
  }, 120_000);
});
