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
 * part: the navigation's RSC response, to its first and last byte. Then, on question pages,
 * "Reveal the answer" and "Commit my prediction" (a prediction chosen first), first time and warm,
 * to the answer and its first chart, with the action's POST. A benchmark, not a test.
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

/**
 * On a question page: clicks `button` (a server action that re-renders the page) and times it to
 * the pending skeleton, to `ready` (the content) and to `chart` (its first annotated chart).
 */
type ActionTimes = {
  pending: number | null;
  ready: number | null;
  chart: number | null;
  /** the action's POST (the server acts, then renders the page it redirects to): first / last byte */
  ttfb: number | null;
  body: number | null;
};

function timeAction(page: Page, button: string, ready: string, chart: string) {
  return page.evaluate(
    ({ button, ready, chart }) =>
      new Promise<ActionTimes>((resolve, reject) => {
        const target = [...document.querySelectorAll<HTMLButtonElement>("button")].find(
          (b) => b.textContent?.trim() === button,
        );
        if (!target) return reject(new Error(`no button ${button}`));
        const out: ActionTimes = { pending: null, ready: null, chart: null, ttfb: null, body: null };
        const t0 = performance.now();
        // (no named helper functions in here: tsx would wrap them in a __name the page lacks)
        const end = [
          () => {
            observer.disconnect();
            window.clearTimeout(timer);
            requestAnimationFrame(() => {
              // the action's POST to this page (fetch, so Resource Timing sees it)
              const post = performance
                .getEntriesByType("resource")
                .filter((e) => e.startTime >= t0 && (e as PerformanceResourceTiming).initiatorType === "fetch")
                .shift() as PerformanceResourceTiming | undefined;
              if (post) {
                out.ttfb = post.responseStart - t0;
                out.body = post.responseEnd - t0;
              }
              resolve(out);
            });
          },
        ];
        const observer = new MutationObserver(() => {
          const now = performance.now() - t0;
          if (out.pending === null && document.querySelector('[data-testid="pending-skeleton"]')) out.pending = now;
          if (out.ready === null && document.querySelector(ready)) out.ready = now;
          if (out.chart === null && document.querySelector(chart)) out.chart = now;
          if (out.ready !== null && out.chart !== null) end[0]?.();
        });
        const timer = window.setTimeout(() => end[0]?.(), 15_000);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        target.click();
      }),
    { button, ready, chart },
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

  // "Reveal the answer" on flashcard questions and "Commit my prediction" on prediction questions,
  // each on a question this learner has not answered before (an answered one shows its answer on
  // arrival). Alternately "first time" (nobody has opened this answer since the server started: its
  // simulations run) and "warm" (another visitor opened the answer page first, as every question's
  // answer has been once a server has run for a while).
  const list = (await (await page.request.get(`${base}/api/questions?lang=en`)).json()) as {
    questions?: { slug: string; type: string }[];
  };
  const questions = list.questions ?? [];
  const other = await browser.newContext();
  const actions = [
    {
      name: "reveal the answer",
      type: "flashcard",
      button: "Reveal the answer",
      ready: '[data-testid="short-answer"]',
    },
    {
      name: "commit a prediction",
      type: "prediction",
      button: "Commit my prediction",
      ready: '[data-testid="prediction-result"]',
    },
  ];
  type Series = { pending: number[]; ready: number[]; chart: number[]; ttfb: number[]; body: number[] };
  const series = (): Series => ({ pending: [], ready: [], chart: [], ttfb: [], body: [] });
  for (const a of actions) {
    const slugs = questions.filter((q) => q.type === a.type).map((q) => q.slug);
    const m = { "first time": series(), warm: series() };
    for (const [i, slug] of slugs.slice(0, 2 * rounds + 1).entries()) {
      const mode = i % 2 === 0 ? "warm" : "first time";
      // another visitor's answer page (for a prediction, also their committed prediction's chart)
      if (mode === "warm") {
        const p = await other.newPage();
        await p.goto(`${base}/questions/${slug}?answer=1`);
        await p.close();
      }
      await page.goto(`${base}/questions/${slug}`);
      await page.getByRole("button", { name: a.button }).waitFor();
      if (a.type === "prediction") {
        // a prediction to commit: the first option, or the smallest number the field takes
        const radio = page.locator('form input[type="radio"][name="answer"]').first();
        if (await radio.count()) await radio.check();
        else {
          const field = page.locator('form input[type="number"][name="answer"]');
          await field.fill((await field.getAttribute("min")) === "1" ? "1" : "0");
        }
      }
      const r = await timeAction(page, a.button, a.ready, '[data-testid="run-annotation"]');
      if (i === 0) continue; // warm-up
      for (const k of ["pending", "ready", "chart", "ttfb", "body"] as const) {
        const v = r[k];
        if (v !== null) m[mode][k].push(v);
      }
    }
    const f = (xs: number[]) =>
      xs.length ? `p50 ${pct(xs, 50).toFixed(0)} ms, p95 ${pct(xs, 95).toFixed(0)} ms (${xs.length})` : "none";
    for (const [mode, x] of Object.entries(m))
      console.log(
        `${a.name}, ${mode}: click → pending skeleton ${f(x.pending)}; → content ${f(x.ready)}; → first chart ${f(x.chart)}; the action's response: first byte ${f(x.ttfb)}, last byte ${f(x.body)}`,
      );
  }
  await other.close();
  console.log(`load average at the end ${(loadavg()[0] ?? 0).toFixed(2)}`);
} finally {
  await browser.close();
}
