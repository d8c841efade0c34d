/**
 * Where and when the lab's runs happen (ADR 29). Each config slot has its own lane: a Web Worker
 * that runs the engine in the learner's browser, or, for a run the cost model prices above
 * BROWSER_FLOP_BUDGET (or where no worker can start), GET /api/simulate. A new run on a lane
 * cancels the one in flight: a server request is aborted; a worker run priced above
 * RESTART_FLOPS is stopped by terminating the worker (a synchronous run cannot be interrupted
 * otherwise, and a fresh worker starts in a few milliseconds), a cheaper one finishes unseen.
 * Identical configs share one run, and recent results are kept, so going back is instant.
 */
import { estimateFlops, type SimConfig } from "@/lib/sim";
import { type RunProblem, RunProblemError } from "./run-problem";

/** Above this estimate (≈ 1 s of compute on the server's machine) a run goes to the server. */
export const BROWSER_FLOP_BUDGET = 3.5e9;
/** A stale worker run estimated above this (≈ 40 ms) is stopped rather than waited for. */
export const RESTART_FLOPS = 1e8;
const CACHE_ENTRIES = 24;

export type Where = "browser" | "server";
export type RunOutcome =
  | { status: "done"; json: string; where: Where }
  | { status: "cancelled" }
  | { status: "failed"; problem: RunProblem };

/** The worker's protocol: one request, one reply, matched by id. */
export type WorkerRequest = { id: number; config: SimConfig };
export type WorkerReply = { id: number; ok: true; json: string } | { id: number; ok: false; message: string };

/** The part of a Worker the runner uses (a real Worker, or a fake in the unit tests). */
export type EngineWorker = {
  postMessage(message: WorkerRequest): void;
  terminate(): void;
  onmessage: ((event: { data: WorkerReply }) => void) | null;
  onerror: ((event: unknown) => void) | null;
};

export type RunnerDeps = {
  /** a new engine worker, or null where workers are unavailable */
  createWorker: () => EngineWorker | null;
  /**
   * the server's JSON for a config (GET /api/simulate); rejects on abort, with a RunProblemError
   * for an answer that is not a result, and with anything else when no answer came
   */
  fetchServer: (config: SimConfig, signal: AbortSignal) => Promise<string>;
  budget?: number;
  restartFlops?: number;
};

type Pending = {
  id: number;
  key: string;
  flops: number;
  where: Where;
  promise: Promise<RunOutcome>;
  settle: (o: RunOutcome) => void;
  abort?: AbortController;
};

type Lane = { worker: EngineWorker | null; current: Pending | null; waiting: Map<number, Pending> };

export const configKey = (config: SimConfig): string => JSON.stringify(config);

export class LabRunner {
  private nextId = 1;
  /** set when a worker failed to load: from then on every run goes to the server */
  private workersBroken = false;
  private readonly lanes = new Map<string, Lane>();
  private readonly cache = new Map<string, { json: string; where: Where }>();
  /** counts what happened, for the lab's status line and the tests */
  readonly stats = { browser: 0, server: 0, cancelled: 0, restarts: 0, cacheHits: 0 };

  constructor(private readonly deps: RunnerDeps) {}

  /** Where a config would run. */
  whereFor(config: SimConfig): Where {
    return estimateFlops(config) > (this.deps.budget ?? BROWSER_FLOP_BUDGET) ? "server" : "browser";
  }

  run(lane: string, config: SimConfig): Promise<RunOutcome> {
    const key = configKey(config);
    const l = this.lane(lane);
    if (l.current && l.current.key === key) return l.current.promise;
    this.cancel(lane);
    const hit = this.cache.get(key);
    if (hit) {
      this.stats.cacheHits++;
      this.remember(key, hit);
      return Promise.resolve({ status: "done", ...hit });
    }
    let settle: (o: RunOutcome) => void = () => {};
    const promise = new Promise<RunOutcome>((resolve) => {
      settle = resolve;
    });
    const flops = estimateFlops(config);
    const pending: Pending = { id: this.nextId++, key, flops, where: this.whereFor(config), promise, settle };
    l.current = pending;
    if (pending.where === "browser" && this.startInWorker(l, pending, config)) return promise;
    pending.where = "server";
    this.startOnServer(l, pending, config);
    return promise;
  }

  /** Cancels the lane's run in flight (its promise resolves "cancelled"). */
  cancel(lane: string): void {
    const l = this.lane(lane);
    const p = l.current;
    if (!p) return;
    l.current = null;
    this.stats.cancelled++;
    p.settle({ status: "cancelled" });
    if (p.abort) p.abort.abort();
    else if (p.flops > (this.deps.restartFlops ?? RESTART_FLOPS)) this.restart(l);
  }

  /** Stops every lane's worker (the lab is leaving the page). */
  dispose(): void {
    for (const name of this.lanes.keys()) this.cancel(name);
    for (const l of this.lanes.values()) {
      l.worker?.terminate();
      l.worker = null;
    }
  }

  private lane(name: string): Lane {
    let l = this.lanes.get(name);
    if (!l) {
      l = { worker: null, current: null, waiting: new Map() };
      this.lanes.set(name, l);
    }
    return l;
  }

  private restart(l: Lane): void {
    l.worker?.terminate();
    l.worker = null;
    this.stats.restarts++;
    for (const w of l.waiting.values()) w.settle({ status: "cancelled" });
    l.waiting.clear();
  }

  private remember(key: string, value: { json: string; where: Where }): void {
    this.cache.delete(key);
    this.cache.set(key, value);
    while (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
  }

  private finish(l: Lane, p: Pending, outcome: RunOutcome): void {
    if (outcome.status === "done") {
      this.remember(p.key, { json: outcome.json, where: outcome.where });
      this.stats[outcome.where]++;
    }
    if (l.current === p) l.current = null;
    p.settle(outcome); // a cancelled run was settled already; a second settle is a no-op
  }

  private startInWorker(l: Lane, p: Pending, config: SimConfig): boolean {
    if (!l.worker) {
      const w = this.workersBroken ? null : this.deps.createWorker();
      if (!w) return false;
      w.onmessage = ({ data }) => {
        const done = l.waiting.get(data.id);
        if (!done) return;
        l.waiting.delete(data.id);
        this.finish(
          l,
          done,
          data.ok ? { status: "done", json: data.json, where: "browser" } : this.engineFailed(data.message),
        );
      };
      w.onerror = () => {
        // a worker already replaced (terminated by a newer knob) may still report: not this lane's
        if (l.worker !== w) return;
        // the worker itself failed (e.g. it could not load): this and later runs go to the server
        const lost = [...l.waiting.values()];
        l.waiting.clear();
        l.worker = null;
        this.workersBroken = true;
        for (const q of lost) if (l.current === q) this.startOnServer(l, q, JSON.parse(q.key) as SimConfig);
      };
      l.worker = w;
    }
    l.waiting.set(p.id, p);
    l.worker.postMessage({ id: p.id, config });
    return true;
  }

  private engineFailed(message: string): RunOutcome {
    // the config passed the engine's schema, so this is a bug of ours: the details go to the console
    console.error("the lab's engine worker failed:", message);
    return { status: "failed", problem: { kind: "engine" } };
  }

  private startOnServer(l: Lane, p: Pending, config: SimConfig): void {
    p.where = "server";
    p.abort = new AbortController();
    this.deps.fetchServer(config, p.abort.signal).then(
      (json) => this.finish(l, p, { status: "done", json, where: "server" }),
      (error: unknown) =>
        this.finish(
          l,
          p,
          p.abort?.signal.aborted
            ? { status: "cancelled" }
            : { status: "failed", problem: error instanceof RunProblemError ? error.problem : { kind: "offline" } },
        ),
    );
  }
}
