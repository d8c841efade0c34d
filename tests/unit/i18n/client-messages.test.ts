import { readdirSync, readFileSync, statSync } from "node:fs";
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

  it("keeps the layout's share small: the home page carries a tiny part of the catalog", () => {
    const all = JSON.stringify(messagesFor("en")).length;
    const layout = JSON.stringify(pickMessages(messagesFor("en"), CLIENT_MESSAGES.layout)).length;
    expect(layout).toBeLessThan(all / 20);
  });
});
