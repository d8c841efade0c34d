/**
 * Screenshots for the README (docs/screenshots/*.png), light and dark, from a running server:
 *   npm run build && npm run serve &   then   npx tsx scripts/screenshots.ts [baseURL]
 * Uses Debian's Chromium like the end-to-end tests.
 */
import { mkdirSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "@/playwright.config";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const OUT = "docs/screenshots";

type Shot = { name: string; path: string; prepare?: (page: Page) => Promise<void> };
const shots: Shot[] = [
  { name: "questions", path: "/questions" },
  { name: "question", path: "/questions/how-to-fix-vanishing-exploding-gradients?answer=1" },
  { name: "prediction", path: "/questions/predict-verdict-deep-linear-net" },
  { name: "quiz", path: "/quiz" },
  {
    name: "flashcards",
    path: "/flashcards",
    prepare: async (page) => {
      await page.keyboard.press("Space");
      await page.waitForTimeout(300);
    },
  },
  {
    name: "lab",
    path: "/lab?a.model=mlp&a.depth=30&a.activation=sigmoid&a.init=xavier&b.model=mlp&b.depth=30&b.activation=relu&b.init=he",
  },
  { name: "dashboard", path: "/dashboard" },
];

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  for (const scheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    for (const shot of shots) {
      const res = await page.goto(base + shot.path);
      if (!res?.ok()) {
        console.warn(`skipped ${shot.name}: ${res?.status()}`);
        continue;
      }
      await page.waitForLoadState("networkidle");
      await shot.prepare?.(page);
      await page.screenshot({ path: `${OUT}/${shot.name}-${scheme}.png`, fullPage: false });
      console.log(`${OUT}/${shot.name}-${scheme}.png`);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
