import { expect, test } from "@playwright/test";
import { bank } from "./support";

const PHONE = { width: 375, height: 800 };
const pages = [
  "/",
  "/questions",
  `/questions/${bank[0]?.slug}?answer=1`, // display math and charts with their hidden data tables
  "/quiz",
  "/lab",
  "/dashboard",
  "/flashcards",
];

test.use({ viewport: PHONE });

test("no page is wider than a phone (wide formulas and tables scroll inside their box)", async ({ page }) => {
  for (const path of pages) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    if (path === "/flashcards") await page.keyboard.press("Space"); // the answer side has the display math
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(PHONE.width);
  }
});
