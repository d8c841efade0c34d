import { expect, test } from "@playwright/test";
import { bank, seriousAxeViolations } from "./support";

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
        expect(await seriousAxeViolations(page), `${path} (${scheme}, ${lang})`).toEqual([]);
      }
    });
  }
}
