/**
 * The lab's URL format: up to three configs, each the flat dotted parameters of
 * configToSearchParams with a slot prefix:
 *   /lab?a.model=mlp&a.depth=30&a.activation=tanh&b.model=mlp&b.depth=30&b.activation=relu
 * Slots are "a", "b", "c" (in that order). A URL without prefixes (the /api/simulate format) is
 * read as slot "a". The lab form posts exactly these names (GET), so the URL is the state.
 * Lab-only key per slot: `training` ("0"/"1", the form's two radio buttons "at initialisation" /
 * "after training") switches the `train` section off/on; without it, `train.*` keys mean training
 * is on (older URLs repeat it as `training=0&training=1`, which reads as on). A slot without
 * `model` is an MLP, so its other fields get their own messages.
 */
import {
  ACTIVATIONS,
  configFromSearchParams,
  configToSearchParams,
  INITS,
  MLP_LOSSES,
  NORMS,
  RECURRENT_LOSSES,
  RNN_ACTIVATIONS,
  TRANSFORMER_INITS,
  TRANSFORMER_LOSSES,
  TRANSFORMER_NORMS,
} from "@/lib/sim";

export const LAB_SLOTS = ["a", "b", "c"] as const;
export type LabSlot = (typeof LAB_SLOTS)[number];
export const MAX_LAB_CONFIGS = LAB_SLOTS.length;

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function entriesOf(params: Params): [string, string[]][] {
  if (params instanceof URLSearchParams) {
    return [...new Set(params.keys())].map((k) => [k, params.getAll(k)]);
  }
  const out: [string, string[]][] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    out.push([k, Array.isArray(v) ? v : [v]]);
  }
  return out;
}

/** Keys that apply to each model (anything else for that model is dropped by `sanitize`). */
const COMMON_KEYS = ["model", "seed", "precision", "lossScale", "train"];
const RECURRENT_KEYS = ["steps", "hidden", "inputs", "inputScale", "batch", "loss"];
/** A Map, not an object: a URL's `model=__proto__` or `model=constructor` must find nothing. */
const MODEL_KEYS = new Map<string, string[]>([
  ["mlp", ["depth", "width", "batch", "activation", "init", "initStd", "norm", "residual", "loss", ...COMMON_KEYS]],
  ["rnn", [...RECURRENT_KEYS, "spectralRadius", "recurrentInit", "activation", ...COMMON_KEYS]],
  ["lstm", [...RECURRENT_KEYS, "forgetBias", ...COMMON_KEYS]],
  ["gru", [...RECURRENT_KEYS, ...COMMON_KEYS]],
  [
    "transformer",
    [
      "depth",
      "dModel",
      "heads",
      "seqLen",
      "batch",
      "ffnMult",
      "ffnActivation",
      "norm",
      "attentionScale",
      "causal",
      "init",
      "loss",
      ...COMMON_KEYS,
    ],
  ],
]);
const RECURRENT_MODELS = ["rnn", "lstm", "gru"];

/** Fields that several models share under one name but with different choices: model → allowed values. */
const SHARED_CHOICES: Record<string, Record<string, readonly string[]>> = {
  activation: { mlp: ACTIVATIONS, rnn: RNN_ACTIVATIONS },
  init: { mlp: INITS, transformer: TRANSFORMER_INITS },
  norm: { mlp: NORMS, transformer: TRANSFORMER_NORMS },
  loss: {
    mlp: MLP_LOSSES,
    rnn: RECURRENT_LOSSES,
    lstm: RECURRENT_LOSSES,
    gru: RECURRENT_LOSSES,
    transformer: TRANSFORMER_LOSSES,
  },
};

/**
 * A value left over from another model after a model switch (valid there, not here), e.g.
 * norm=batch when the MLP becomes a Transformer. Values no model accepts are kept, so that the
 * engine names the field in its message.
 */
function isLeftover(key: string, value: string | undefined, model: string): boolean {
  const byModel = Object.hasOwn(SHARED_CHOICES, key) ? SHARED_CHOICES[key] : undefined;
  if (!byModel || value === undefined) return false;
  const here = (Object.hasOwn(byModel, model) ? byModel[model] : undefined) ?? [];
  return !here.includes(value) && Object.values(byModel).some((values) => values.includes(value));
}

const CONFIG_HEADS = new Set(["model", "training", ...[...MODEL_KEYS.values()].flat()]);

/** Whether an unprefixed query key is a config field of some model (its head: `train.steps` → train). */
function isConfigKey(key: string): boolean {
  return CONFIG_HEADS.has(key.split(".")[0] as string);
}

/** One slot's raw parameters: flat dotted key → values (unprefixed). */
export type SlotParams = Map<string, string[]>;

/** Splits the URL into the slots present, in slot order. */
export function slotParams(params: Params): { slot: LabSlot; params: SlotParams }[] {
  const bySlot = new Map<LabSlot, SlotParams>();
  const bare: SlotParams = new Map();
  for (const [key, values] of entriesOf(params)) {
    const m = /^([abc])\.(.+)$/.exec(key);
    if (m) {
      const slot = m[1] as LabSlot;
      const rest = m[2] as string;
      const map = bySlot.get(slot) ?? new Map<string, string[]>();
      bySlot.set(slot, map);
      map.set(rest, values);
    } else if (key !== "op") bare.set(key, values);
  }
  // A hand-typed or /api/simulate-style query (`/lab?depth=300`) is config a, so that its problems
  // are reported rather than the query silently ignored; unrelated keys (utm_…) alone do not count.
  if (bySlot.size === 0 && [...bare.keys()].some(isConfigKey)) bySlot.set("a", bare);
  return LAB_SLOTS.filter((s) => bySlot.has(s)).map((slot) => ({ slot, params: bySlot.get(slot) as SlotParams }));
}

/**
 * Lab leniency: drops keys that do not apply to the chosen model (a model switch keeps the old
 * model's fields in the form), a shared field's value left over from another model (isLeftover),
 * initStd unless init is normal/uniform, train.schedule.warmupSteps
 * with the constant schedule, train.truncation unless the model is recurrent, an empty truncation
 * (the form's "full BPTT"), and the train section when training is switched off. Everything else goes to the engine's schema unchanged, so a wrong
 * value still gets the engine's message naming the field.
 */
export function sanitize(params: SlotParams): { flat: Record<string, string | string[]>; trainOn: boolean } {
  const last = (k: string) => {
    const v = params.get(k);
    return v?.[v.length - 1];
  };
  const model = last("model") ?? "mlp";
  const allowed = MODEL_KEYS.get(model);
  const training = params.get("training");
  const trainOn = training ? training.includes("1") : [...params.keys()].some((k) => k.startsWith("train."));
  const init = last("init");
  const schedule = last("train.schedule.kind");
  const kept: [string, string | string[]][] = [];
  for (const [key, values] of params) {
    if (key === "training") continue;
    const head = key.split(".")[0] as string;
    if (allowed && !allowed.includes(head)) continue;
    if (head === "train" && !trainOn) continue;
    if (isLeftover(key, values[values.length - 1], model)) continue;
    if (key === "initStd" && init !== undefined && init !== "normal" && init !== "uniform") continue;
    if (key === "train.schedule.warmupSteps" && (schedule === undefined || schedule === "constant")) continue;
    if (key === "train.truncation" && (!RECURRENT_MODELS.includes(model) || values.every((v) => v.trim() === "")))
      continue;
    kept.push([key, values.length === 1 ? (values[0] as string) : values]);
  }
  if (!params.has("model")) kept.push(["model", "mlp"]);
  // fromEntries defines own properties: a "__proto__" key stays a key (the schema refuses it)
  return { flat: Object.fromEntries(kept), trainOn };
}

/** The raw (unvalidated) config of each slot present in the URL; pass each to parseSimConfig. */
export function labConfigsFromParams(params: Params): { slot: LabSlot; raw: unknown }[] {
  return slotParams(params).map(({ slot, params: p }) => {
    const { flat, trainOn } = sanitize(p);
    const raw = configFromSearchParams(flat) as Record<string, unknown>;
    // training switched on with no train fields yet: an empty train section (engine defaults)
    if (trainOn && raw.train === undefined) raw.train = {};
    return { slot, raw };
  });
}

/** The lab URL's query for these configs (canonical configs give the shortest exact URL). */
export function labParamsFromConfigs(configs: readonly object[]): URLSearchParams {
  if (configs.length > MAX_LAB_CONFIGS) throw new Error(`the lab compares at most ${MAX_LAB_CONFIGS} configs`);
  const out = new URLSearchParams();
  configs.forEach((config, i) => {
    for (const [k, v] of configToSearchParams(config)) out.append(`${LAB_SLOTS[i]}.${k}`, v);
  });
  return out;
}

export function labHref(configs: readonly object[]): string {
  return `/lab?${labParamsFromConfigs(configs).toString()}`;
}

/** A slot's URL parameters, re-lettered: the kept slots become a, b, c in order. */
function relabel(slots: { params: SlotParams }[]): URLSearchParams {
  const out = new URLSearchParams();
  slots.slice(0, MAX_LAB_CONFIGS).forEach(({ params }, i) => {
    for (const [k, values] of params) for (const v of values) out.append(`${LAB_SLOTS[i]}.${k}`, v);
  });
  return out;
}

/**
 * The form's buttons: `op=add` copies the last config into a new slot (so a comparison starts
 * from the same settings), `op=remove-b` drops slot b and re-letters the rest.
 */
export function applyLabOp(params: Params, op: string): URLSearchParams {
  const slots = slotParams(params);
  if (op === "add") {
    const last = slots[slots.length - 1];
    const copy = last ? new Map(last.params) : new Map([["model", ["mlp"]]]);
    return relabel(slots.length < MAX_LAB_CONFIGS ? [...slots, { params: copy }] : slots);
  }
  const m = /^remove-([abc])$/.exec(op);
  if (m) return relabel(slots.length > 1 ? slots.filter((s) => s.slot !== m[1]) : slots);
  return relabel(slots);
}
