import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_MESSAGES, pickMessages } from "@/lib/i18n/client-messages";
import { messagesFor } from "@/lib/i18n/messages";

const ROOT = path.resolve(import.meta.dirname, "../../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

/** The file an import specifier of `from` names, or null for a package (or a stylesheet). */
function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  if (/\.tsx?$/.test(base) && existsSync(base)) return base;
  for (const ext of EXTENSIONS) if (existsSync(base + ext)) return base + ext;
  return null;
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1] as string);
  return specifiers.map((s) => resolveImport(file, s)).filter((f): f is string => f !== null);
}

const isClient = (file: string) =>
  /^\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n\s*)*["']use client["']/.test(readFileSync(file, "utf8"));

/**
 * The client files a page or layout renders: its "use client" imports, and what they import in
 * turn (all of which run in the browser), following imports from the entry file.
 */
function clientFilesOf(entry: string): Set<string> {
  const client = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string, inClient: boolean) => {
    const key = `${inClient}:${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    const nowClient = inClient || isClient(file);
    if (nowClient) client.add(file);
    for (const next of importsOf(file)) visit(next, nowClient);
  };
  visit(entry, false);
  return client;
}

/**
 * The ClientMessages route whose messages a file under app/ gets: the nearest layout.tsx's, from
 * its folder up to app/. Nested providers replace their parent's messages rather than add to them
 * (use-intl's IntlProvider takes `messages` whole when given), so only the nearest one counts.
 */
function nearestRoute(file: string): keyof typeof CLIENT_MESSAGES | null {
  const app = path.join(ROOT, "app");
  for (let dir = path.dirname(file); dir.startsWith(app); dir = path.dirname(dir)) {
    const layout = path.join(dir, "layout.tsx");
    const route = existsSync(layout) && /<ClientMessages route="([^"]+)"/.exec(readFileSync(layout, "utf8"))?.[1];
    if (route) return route as keyof typeof CLIENT_MESSAGES;
  }
  return null;
}

describe("client messages", () => {
  it("picks whole namespaces and dotted sub-trees, nested as in the catalog, and skips unknown paths", () => {
    const messages = { a: { x: "1" }, quiz: { status: { due: "Due" }, setup: { n: "N" }, other: "O" }, b: "B" };
    expect(pickMessages(messages, ["a", "quiz.status", "quiz.setup.n", "nope", "quiz.nope"])).toEqual({
      a: { x: "1" },
      quiz: { status: { due: "Due" }, setup: { n: "N" } },
    });
    expect(pickMessages(messages, [])).toEqual({});
  });

  it("names only paths that exist, in both languages", () => {
    for (const locale of ["en", "zh"] as const) {
      const messages = messagesFor(locale);
      for (const [route, paths] of Object.entries(CLIENT_MESSAGES)) {
        for (const p of paths) {
          const found = p
            .split(".")
            .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);
          expect(found, `${locale} ${route} ${p}`).toBeTypeOf("object");
        }
      }
    }
  });

  it("lists every namespace a component reads with useTranslations under some route", () => {
    const listed = new Set(Object.values(CLIENT_MESSAGES).flat());
    const used = new Map<string, string>();
    for (const file of [...sourceFiles(path.join(ROOT, "app")), ...sourceFiles(path.join(ROOT, "components"))]) {
      for (const m of readFileSync(file, "utf8").matchAll(/useTranslations\("([^"]+)"\)/g)) {
        used.set(m[1] as string, path.relative(ROOT, file));
      }
    }
    expect(used.size).toBeGreaterThan(5);
    for (const [namespace, file] of used) {
      const covered = [...listed].some((p) => namespace === p || namespace.startsWith(`${p}.`));
      expect(covered, `${namespace} (${file})`).toBe(true);
    }
  });

  it("hands every page the namespaces its own client components read (no MISSING_MESSAGE in the browser)", () => {
    const entries = sourceFiles(path.join(ROOT, "app")).filter((f) =>
      /(?:^|\/)(?:page|layout|not-found|error|global-error)\.tsx$/.test(f),
    );
    expect(entries.length).toBeGreaterThan(10);
    let checked = 0;
    for (const entry of entries) {
      const route = nearestRoute(entry);
      const provided: readonly string[] = route ? CLIENT_MESSAGES[route] : [];
      for (const file of clientFilesOf(entry)) {
        for (const m of readFileSync(file, "utf8").matchAll(/useTranslations\("([^"]+)"\)/g)) {
          const namespace = m[1] as string;
          const covered = provided.some((p) => namespace === p || namespace.startsWith(`${p}.`));
          expect(
            covered,
            `${path.relative(ROOT, entry)} renders ${path.relative(ROOT, file)}, which reads "${namespace}"; its routes give [${provided.join(", ")}]`,
          ).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("keeps the layout's share small: the home page carries a tiny part of the catalog", () => {
    const all = JSON.stringify(messagesFor("en")).length;
    const layout = JSON.stringify(pickMessages(messagesFor("en"), CLIENT_MESSAGES.layout)).length;
    expect(layout).toBeLessThan(all / 20);
  });
});
