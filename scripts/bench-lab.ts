/**
 * The lab's latency in Chromium (issue 15): from the input event of a knob to the redrawn chart,
 * and the main thread's long tasks meanwhile, for the default lab config and a three-config
 * compare at depth 50 × width 256. From a running production server:
 *   npm run build && npm run serve &   then   npx tsx scripts/bench-lab.ts [baseURL] [rounds] [default|compare]
 * Each round picks a fresh seed, so no result comes from the lab's cache. "Redrawn" is the first
 * animation frame after the status line says the run is done (the charts render in that commit).
 * Two anchors from the same run: the same configs' simulate() in this Node process (the engine
 * alone, no browser), and a cached redraw (a seed already computed: no engine, the lab's debounce
 * and React's redraw only), so the figure says where the time goes.
 * PROFILE=1 also records the main thread's CPU profile over the fresh rounds (Chrome DevTools
 * Protocol) and prints the functions with the most self time, grouped by script.
 */
import { chromium, type Page } from "@playwright/test";
import { readLabSlots } from "@/lib/lab/slots";
import { simulate } from "@/lib/sim";
import { CHROMIUM_LAUNCH } from "@/playwright.config";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const rounds = Number(process.argv[3] ?? 20);
const only = process.argv[4];

const CASES = [
  { id: "default", name: "default (MLP 10 × 64)", url: "/lab", slots: ["a"] },
  {
    id: "compare",
    name: "3 configs, 50 × 256",
    url: "/lab?a.model=mlp&a.depth=50&a.width=256&b.model=mlp&b.depth=50&b.width=256&b.activation=relu&b.init=he&c.model=mlp&c.depth=50&c.width=256&c.norm=layer",
    slots: ["a", "b", "c"],
  },
];

/**
 * Changes the seed of every slot in one go (as one knob would change them all) and times the
 * redraw. A fresh run: until the status line goes running → done. A cached one shows no
 * "running" (the result comes in the same commit), so: until the charts themselves change.
 */
function timeKnob(page: Page, slots: string[], seed: number, cached = false): Promise<number> {
  return page.evaluate(
    ({ slots, seed, cached }) =>
      new Promise<number>((resolve) => {
        const status = document.querySelector<HTMLElement>('[data-testid="lab-status"]');
        // the results panel, not the charts' own element: a redraw may replace that element whole
        const results = status?.closest("section");
        if (!status || !results) throw new Error("no status line or results panel");
        let sawRunning = false;
        // (no named helper functions in here: tsx would wrap them in a __name the page lacks)
        const observer = new MutationObserver((records) => {
          // cached: the charts' change, not the status line's (a "running" commit may come first)
          if (cached && records.every((r) => status.contains(r.target))) return;
          if (status.dataset.status === "running") sawRunning = true;
          if (!cached && !(sawRunning && status.dataset.status === "done")) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        if (cached)
          observer.observe(results, { subtree: true, childList: true, attributes: true, characterData: true });
        else observer.observe(status, { attributes: true, attributeFilter: ["data-status"] });
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
        const t0 = performance.now();
        for (const s of slots) {
          const input = document.querySelector<HTMLInputElement>(`#${s}-seed`);
          if (!input || !setter) throw new Error(`no seed field for ${s}`);
          setter.call(input, String(seed));
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }),
    { slots, seed, cached },
  );
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;

/** The engine alone: median ms of simulate() over the case's configs (all slots, one after another), in Node. */
function engineMs(url: string, seed: number, n: number): number {
  const slots = readLabSlots(new URLSearchParams(url.split("?")[1] ?? ""));
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    for (const s of slots) if (s.config) simulate({ ...s.config, seed: seed + i });
    times.push(performance.now() - t0);
  }
  return pct(times, 50);
}

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
};

/** The main thread's self time per function (ms per round), the top 15, idle and GC apart. */
function printProfile(profile: CpuProfile, perRounds: number): void {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byNode.get(id);
    if (!f || f.functionName === "(idle)" || f.functionName === "(program)") return;
    const where = f.url ? `${f.url.split("/").pop()}:${f.lineNumber}` : "";
    const key = `${f.functionName || "(anonymous)"} ${where}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`  main-thread CPU, self time per round (busy ${(total / perRounds).toFixed(1)} ms):`);
  for (const [k, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`    ${(ms / perRounds).toFixed(2).padStart(7)} ms  ${k}`);
}

const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  for (const c of CASES.filter((k) => !only || k.id === only)) {
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
    const cdp = process.env.PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) times.push(await timeKnob(page, c.slots, 1_000_001 + i));
    if (cdp) printProfile((await cdp.send("Profiler.stop")).profile, rounds);
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    // cached: alternate between two seeds computed above (the runner keeps the last 24 results)
    const cached: number[] = [];
    for (let i = 0; i < Math.min(rounds, 10); i++)
      cached.push(await timeKnob(page, c.slots, 1_000_001 + (i % 2), true));
    const engine = engineMs(c.url, 2_000_000, Math.min(rounds, 10));
    const p50 = pct(times, 50);
    console.log(
      `${c.name}: input → redrawn chart p50 ${p50.toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${rounds}; main-thread long tasks > 100 ms: ${longTasks.filter((d) => d > 100).length} (longest ${Math.max(0, ...longTasks).toFixed(0)} ms)`,
    );
    console.log(
      `  anchors, same run: engine alone in Node ${engine.toFixed(1)} ms (p50 is ${(p50 / engine).toFixed(1)}×); cached redraw p50 ${pct(cached, 50).toFixed(0)} ms, p95 ${pct(cached, 95).toFixed(0)} ms`,
    );
    await page.close();
  }
} finally {
  await browser.close();
}
