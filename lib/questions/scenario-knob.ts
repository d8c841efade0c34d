/**
 * The one inline control an answer page's first chart may offer: a numeric knob the scenario
 * varies (its `varies` list), applied to the problem's config and rerun through the simulation
 * API. Every value it can reach is valid: within the engine's LIMITS, within the engine's cost
 * budget (checked with the engine's own schema), on a small grid of round values so that learners
 * trying the same setting share one cached run.
 */
import { configToSearchParams, LIMITS, parseSimConfig, type SimConfig } from "@/lib/sim";

type Scale = "log" | "linear";
type KnobRule = {
  /** where the knob lives in a config (dotted, as in query strings) */
  path: string;
  scale: Scale;
  integer: boolean;
  /** the explorable window: a subrange of the engine's limit */
  min: number;
  max: number;
  /** linear knobs: the grid step */
  step?: number;
  /** the config must be of this kind for the knob to mean anything */
  applies: (c: SimConfig) => boolean;
};

const mlpWithStd = (c: SimConfig) => c.model === "mlp" && (c.init === "normal" || c.init === "uniform");
const isMlp = (c: SimConfig) => c.model === "mlp";
const isRecurrent = (c: SimConfig) => c.model !== "mlp";
const trains = (c: SimConfig) => c.train !== undefined;
const clips = (c: SimConfig) => c.train !== undefined && c.train.clip.mode !== "none";

/** In the order a scenario's `varies` list is searched; the first that applies is offered. */
const RULES: readonly KnobRule[] = [
  { path: "initStd", scale: "log", integer: false, min: 1e-3, max: 10, applies: mlpWithStd },
  {
    path: "spectralRadius",
    scale: "linear",
    integer: false,
    min: 0.1,
    max: 3,
    step: 0.1,
    applies: (c) => c.model === "rnn",
  },
  { path: "depth", scale: "linear", integer: true, min: 2, max: LIMITS.depth.max, step: 1, applies: isMlp },
  { path: "steps", scale: "linear", integer: true, min: 2, max: LIMITS.steps.max, step: 1, applies: isRecurrent },
  { path: "train.lr", scale: "log", integer: false, min: 1e-4, max: 10, applies: trains },
  { path: "train.clip.threshold", scale: "log", integer: false, min: 1e-3, max: 1e3, applies: clips },
  { path: "inputScale", scale: "linear", integer: false, min: 0, max: 5, step: 0.1, applies: isRecurrent },
  {
    path: "forgetBias",
    scale: "linear",
    integer: false,
    min: -5,
    max: 5,
    step: 0.5,
    applies: (c) => c.model === "lstm",
  },
  { path: "width", scale: "linear", integer: true, min: 2, max: LIMITS.width.max, step: 1, applies: isMlp },
];

export type ScenarioKnob = {
  path: string;
  /** the problem's own value (where the control starts) */
  value: number;
  /** the values the control offers, ascending; `value` is among them */
  values: number[];
  /** the problem's config as query parameters without the knob: the API request is this plus path=value */
  baseQuery: string;
};

/** 1, 2, 5 per decade would skip too much; four steps per decade: 1, 1.8, 3.2, 5.6 (rounded powers of 10^¼). */
function logGrid(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.round(Math.log10(min) * 4); e <= Math.round(Math.log10(max) * 4); e++)
    out.push(Number((10 ** (e / 4)).toPrecision(2)));
  return out;
}

function linearGrid(min: number, max: number, step: number): number[] {
  const out: number[] = [];
  for (let k = 0; min + k * step <= max + 1e-9; k++) out.push(Number((min + k * step).toPrecision(6)));
  return out;
}

function read(config: SimConfig, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], config);
}

function withValue(config: SimConfig, path: string, value: number): unknown {
  const copy = structuredClone(config) as Record<string, unknown>;
  const keys = path.split(".");
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1] as string] = value;
  return copy;
}

/** A canonical config (defaults filled in by the engine's schema) as dotted path → value. */
function canonicalKnobs(config: unknown): Map<string, unknown> {
  const p = parseSimConfig(config);
  if (!p.ok) throw new Error(`invalid config ${JSON.stringify(config)}`);
  const out = new Map<string, unknown>();
  const walk = (v: unknown, at: string): void => {
    if (v !== null && typeof v === "object" && !Array.isArray(v))
      for (const [k, x] of Object.entries(v)) walk(x, at ? `${at}.${k}` : k);
    else out.set(at, v);
  };
  walk(p.config, "");
  return out;
}

/**
 * The knobs (dotted paths) whose values differ between two configs, a knob missing on one side
 * included: what a scenario's problem-vs-fix comparison isolates (its declared `varies`, which the
 * content tests check against this).
 */
export function differingKnobs(a: unknown, b: unknown): string[] {
  const ka = canonicalKnobs(a);
  const kb = canonicalKnobs(b);
  return [...new Set([...ka.keys(), ...kb.keys()])]
    .filter((k) => !ka.has(k) || !kb.has(k) || JSON.stringify(ka.get(k)) !== JSON.stringify(kb.get(k)))
    .sort();
}

/**
 * The knob to offer for a scenario whose problem is `problem` and which declares `varies`,
 * or null when none of its knobs is a number the engine can sweep here.
 */
export function scenarioKnob(problem: SimConfig, varies: readonly string[]): ScenarioKnob | null {
  for (const rule of RULES) {
    if (!varies.includes(rule.path) || !rule.applies(problem)) continue;
    const current = read(problem, rule.path);
    if (typeof current !== "number") continue;
    const grid = rule.scale === "log" ? logGrid(rule.min, rule.max) : linearGrid(rule.min, rule.max, rule.step ?? 1);
    // what the engine accepts: its limits and its cost budget (depth, steps and width cost more)
    const values = [...new Set([...grid, current])]
      .sort((a, b) => a - b)
      .filter((v) => v === current || parseSimConfig(withValue(problem, rule.path, v)).ok);
    if (values.length < 2) continue;
    const base = configToSearchParams(problem);
    base.delete(rule.path);
    return { path: rule.path, value: current, values, baseQuery: base.toString() };
  }
  return null;
}
