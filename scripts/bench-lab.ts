/**
 * The lab's latency in Chromium (issue 15): from the input event of a knob to the redrawn chart,
 * and the main thread's long tasks meanwhile, for the default lab config and a three-config
 * compare at depth 50 × width 256. From a running production server:
 *   npm run build && npx next start -p 3000 &   then   npx tsx scripts/bench-lab.ts [baseURL] [rounds]
 * Each round picks a fresh seed, so no result comes from the lab's cache. "Redrawn" is the first
 * animation frame after the status line says the run is done (the charts render in that commit).
 */
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "@/playwright.config";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const rounds = Number(process.argv[3] ?? 20);

const CASES = [
  { name: "default (MLP 10 × 64)", url: "/lab", slots: ["a"] },
  {
    name: "3 configs, 50 × 256",
    url: "/lab?a.model=mlp&a.depth=50&a.width=256&b.model=mlp&b.depth=50&b.width=256&b.activation=relu&b.init=he&c.model=mlp&c.depth=50&c.width=256&c.norm=layer",
    slots: ["a", "b", "c"],
  },
];

/** Changes the seed of every slot in one go (as one knob would change them all) and times the redraw. */
function timeKnob(page: Page, slots: string[], seed: number): Promise<number> {
  return page.evaluate(
    ({ slots, seed }) =>
      new Promise<number>((resolve) => {
        const status = document.querySelector<HTMLElement>('[data-testid="lab-status"]');
        if (!status) throw new Error("no status line");
        let sawRunning = false;
        const observer = new MutationObserver(() => {
          if (status.dataset.status === "running") sawRunning = true;
          if (sawRunning && status.dataset.status === "done") {
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }
        });
        observer.observe(status, { attributes: true, attributeFilter: ["data-status"] });
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
        const t0 = performance.now();
        for (const s of slots) {
          const input = document.querySelector<HTMLInputElement>(`#${s}-seed`);
          if (!input || !setter) throw new Error(`no seed field for ${s}`);
          setter.call(input, String(seed));
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }),
    { slots, seed },
  );
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;

const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  for (const c of CASES) {
    const page = await browser.newPage();
    await page.goto(base + c.url);
    await page.getByTestId("lab-charts").waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: "longtask" });
    });
    await timeKnob(page, c.slots, 1_000_000); // warm-up: the workers start and compile the kernel
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) times.push(await timeKnob(page, c.slots, 1_000_001 + i));
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    console.log(
      `${c.name}: input → redrawn chart p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${rounds}; main-thread long tasks > 100 ms: ${longTasks.filter((d) => d > 100).length} (longest ${Math.max(0, ...longTasks).toFixed(0)} ms)`,
    );
    await page.close();
  }
} finally {
  await browser.close();
}
