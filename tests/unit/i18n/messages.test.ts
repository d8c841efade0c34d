import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "@/lib/i18n/locales";
import { MESSAGE_FILES } from "@/lib/i18n/messages";

/** Every leaf key path of a messages object. */
function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("messages", () => {
  it("has the same keys in English and Chinese, feature by feature", () => {
    expect(Object.keys(MESSAGE_FILES.zh).sort()).toEqual(Object.keys(MESSAGE_FILES.en).sort());
    for (const [feature, en] of Object.entries(MESSAGE_FILES.en)) {
      expect(keys(MESSAGE_FILES.zh[feature]).sort(), feature).toEqual(keys(en).sort());
    }
  });

  it("has no empty message", () => {
    for (const locale of ["en", "zh"] as const) {
      for (const [feature, messages] of Object.entries(MESSAGE_FILES[locale])) {
        const leaves = keys(messages).map((k) =>
          k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], messages),
        );
        for (const leaf of leaves)
          expect(typeof leaf === "string" && leaf.trim().length > 0, `${locale}/${feature}`).toBe(true);
      }
    }
  });

  it("keeps each feature's top-level namespaces to itself", () => {
    const owner = new Map<string, string>();
    for (const [feature, messages] of Object.entries(MESSAGE_FILES.en)) {
      for (const ns of Object.keys(messages)) {
        expect(owner.get(ns), `namespace "${ns}" in ${feature} and ${owner.get(ns)}`).toBeUndefined();
        owner.set(ns, feature);
      }
    }
  });

  it("never uses a dot inside a key (next-intl reads dots as nesting)", () => {
    const dotted: string[] = [];
    const walk = (obj: unknown, where: string) => {
      if (typeof obj !== "object" || obj === null) return;
      for (const [k, v] of Object.entries(obj)) {
        if (k.includes(".")) dotted.push(`${where}/${k}`);
        walk(v, `${where}/${k}`);
      }
    };
    for (const locale of ["en", "zh"] as const) walk(MESSAGE_FILES[locale], locale);
    expect(dotted).toEqual([]);
  });
});

describe("localeFromAcceptLanguage", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,zh-Hans;q=0.5", "zh"],
    ["fr", "en"],
    ["", "en"],
    [undefined, "en"],
  ])("%s → %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});
