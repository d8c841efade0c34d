import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { bank } from "./support";

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

const first = bank[0];
const pages = ["/", "/questions", `/questions/${first?.slug}?answer=1`, "/questions/does-not-exist"];

for (const scheme of ["light", "dark"] as const) {
  for (const lang of ["en", "zh"] as const) {
    test(`no serious or critical axe violations (${scheme}, ${lang})`, async ({ page, context }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/");
      await context.addCookies([{ name: "NEXT_LOCALE", value: lang, url: page.url() }]);
      for (const path of pages) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", lang === "zh" ? "zh-CN" : "en");
        expect(await seriousViolations(page), `${path} (${scheme}, ${lang})`).toEqual([]);
      }
    });
  }
}
