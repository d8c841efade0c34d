/**
 * What a returning learner waits for (issue 13, "Waits over 300 ms a person notices"): from a
 * click on a header link to the page's content, in Chromium, warm, for the dashboard and the
 * flashcards, against an anchor measured in the same run (the question list, the same kind of
 * client-side navigation to a page with no per-learner data). From a running production server:
 *   npm run build && npm run serve &   then   npx tsx scripts/bench-study-waits.ts [baseURL] [rounds]
 * A fresh account reviews a few cards first, so the dashboard has data to draw. Each round clicks
 * the link (Next's client navigation, as a person's click) and stops at the first animation frame
 * after the content is in the page: the dashboard's stats and heatmap, the flashcard session ready
 * for a key. When the link's spinner (LinkPending) showed is reported beside it, and the server's
 * part: the navigation's RSC response, to its first and last byte. A benchmark, not a test.
 */
import { loadavg } from "node:os";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "@/playwright.config";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const rounds = Number(process.argv[3] ?? 10);

const TARGETS = [
  { name: "question list (anchor)", href: "/questions", ready: '[data-testid="question-list"]' },
  { name: "dashboard", href: "/dashboard", ready: '[data-testid="stat-reviews"]' },
  {
    name: "flashcards",
    href: "/flashcards",
    ready: '[data-testid="flashcard-session"][data-ready="true"]',
  },
] as const;

/** Clicks the page's link to `href` and times it: to the skeleton (if one shows) and to `ready`. */
function timeNavigation(page: Page, href: string, ready: string) {
  return page.evaluate(
    ({ href, ready }) =>
      new Promise<{ ready: number; skeleton: number | null; ttfb: number | null; body: number | null }>(
        (resolve, reject) => {
          const link = document.querySelector<HTMLAnchorElement>(`a[href="${href}"]`);
          if (!link) return reject(new Error(`no link to ${href}`));
          let skeleton: number | null = null;
          const t0 = performance.now();
          const observer = new MutationObserver(() => {
            if (skeleton === null && document.querySelector('[data-testid="link-pending"]'))
              skeleton = performance.now() - t0;
            if (location.pathname !== href || !document.querySelector(ready)) return;
            observer.disconnect();
            requestAnimationFrame(() => {
              // the server's part: the RSC request of this navigation, to its first byte and its last
              const rsc = performance
                .getEntriesByType("resource")
                .filter((e) => e.startTime >= t0 && e.name.includes(href) && e.name.includes("_rsc"))
                .pop() as PerformanceResourceTiming | undefined;
              resolve({
                ready: performance.now() - t0,
                skeleton,
                ttfb: rsc ? rsc.responseStart - t0 : null,
                body: rsc ? rsc.responseEnd - t0 : null,
              });
            });
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          link.click();
        },
      ),
    { href, ready },
  );
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;

const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  const page = await browser.newPage();
  await page.goto(`${base}/signup`);
  await page.getByLabel("Username").fill(`bench_${Date.now().toString(36)}`);
  await page.getByLabel("Password", { exact: true }).fill("vanishing-grads-2026");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.goto(`${base}/flashcards`);
  const session = page.getByTestId("flashcard-session");
  await session.and(page.locator('[data-ready="true"]')).waitFor();
  for (let i = 0; i < 5; i++) {
    const slug = await page.getByTestId("flashcard").getAttribute("data-slug");
    await page.keyboard.press("Space");
    await page.keyboard.press("3");
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid="flashcard"]')?.getAttribute("data-slug") !== s,
      slug,
    );
  }
  // warm-up: every target once (the server's first render of each, the router's chunks)
  for (const t of TARGETS) await timeNavigation(page, t.href, t.ready);
  const times = new Map<string, { ready: number[]; skeleton: number[]; ttfb: number[]; body: number[] }>(
    TARGETS.map((t) => [t.name, { ready: [], skeleton: [], ttfb: [], body: [] }]),
  );
  const load = loadavg()[0] ?? 0;
  for (let i = 0; i < rounds; i++)
    for (const t of TARGETS) {
      const r = await timeNavigation(page, t.href, t.ready);
      times.get(t.name)?.ready.push(r.ready);
      if (r.skeleton !== null) times.get(t.name)?.skeleton.push(r.skeleton);
      if (r.ttfb !== null) times.get(t.name)?.ttfb.push(r.ttfb);
      if (r.body !== null) times.get(t.name)?.body.push(r.body);
    }
  const anchor = pct(times.get(TARGETS[0].name)?.ready ?? [], 50);
  console.log(
    `${rounds} rounds, warm; load average ${load.toFixed(2)} at the start, ${(loadavg()[0] ?? 0).toFixed(2)} at the end`,
  );
  for (const t of TARGETS) {
    const m = times.get(t.name);
    if (!m) continue;
    const p50 = pct(m.ready, 50);
    const sk = m.skeleton.length
      ? `link spinner p50 ${pct(m.skeleton, 50).toFixed(0)} ms (${m.skeleton.length}/${rounds})`
      : "no spinner shown";
    console.log(
      `${t.name}: click → content p50 ${p50.toFixed(0)} ms, p95 ${pct(m.ready, 95).toFixed(0)} ms, max ${Math.max(...m.ready).toFixed(0)} ms; ${sk}; ${(p50 / anchor).toFixed(2)}× the anchor`,
    );
    if (m.ttfb.length)
      console.log(
        `  the server's part (its RSC response): first byte p50 ${pct(m.ttfb, 50).toFixed(0)} ms, last byte p50 ${pct(m.body, 50).toFixed(0)} ms`,
      );
  }
} finally {
  await browser.close();
}
