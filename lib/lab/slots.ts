/**
 * What the lab shows for a URL: per slot, the model, whether it trains, the value of every field
 * (what the URL says, else the canonical config's, else the default), the engine's problems and
 * the config to run. The server page and the browser (after every knob) read the URL the same way.
 */
import { LIMITS, type ParseResult, parseSimConfig, type SimConfig } from "@/lib/sim";
import { FIELDS, isModel, type ModelName } from "./fields";
import { LAB_SLOTS, type LabSlot, labConfigsFromParams, slotParams } from "./state";

type Query = Record<string, string | string[] | undefined> | URLSearchParams;

export type LabSlotView = {
  slot: LabSlot;
  model: ModelName;
  training: boolean;
  /** field name → the text its control shows */
  values: Record<string, string>;
  errors: { path: string; message: string }[];
  /** the config that runs (null when the slot has errors) */
  config: SimConfig | null;
  /** training steps were lowered from `requested` to `steps` to fit the compute limit */
  capped: { requested: number; steps: number } | null;
  /** the URL has this slot's settings but names no model (a link cut short): it is read as an MLP */
  modelMissing: boolean;
};

/** A config's value at a dotted path: own properties only (a `__proto__` path finds nothing). */
function at(obj: unknown, path: string): unknown {
  let node = obj;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const isBudgetOnly = (r: ParseResult) => !r.ok && r.errors.every((e) => e.path === "" && /FLOP/.test(e.message));

/**
 * A training run over the compute limit is cut to the most training steps that fit (binary
 * search on the engine's own cost check), so the default deep-net training config still runs.
 */
export function fitTraining(raw: unknown): { parsed: ParseResult; capped: LabSlotView["capped"] } {
  const parsed = parseSimConfig(raw);
  const train = at(raw, "train");
  if (parsed.ok || !isBudgetOnly(parsed) || typeof train !== "object" || train === null)
    return { parsed, capped: null };
  const requestedRaw = (train as Record<string, unknown>).steps;
  const requested = typeof requestedRaw === "number" ? requestedRaw : 50;
  const withSteps = (steps: number) => parseSimConfig({ ...(raw as object), train: { ...train, steps } });
  let lo = 0; // largest known to fit (0: none)
  let hi = requested; // known not to fit
  let best: ParseResult | null = null;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const r = withSteps(mid);
    if (r.ok) {
      lo = mid;
      best = r;
    } else if (isBudgetOnly(r)) hi = mid;
    else return { parsed, capped: null };
  }
  if (!best) return { parsed, capped: null };
  return { parsed: best, capped: { requested, steps: lo } };
}

export function readLabSlots(query: Query): LabSlotView[] {
  const present = labConfigsFromParams(query);
  const bySlot = new Map(slotParams(query).map((s) => [s.slot, s.params]));
  const slots = present.length > 0 ? present : [{ slot: LAB_SLOTS[0], raw: { model: "mlp" } as unknown }];
  return slots.map(({ slot, raw }) => {
    const params = bySlot.get(slot);
    const fromUrl = (key: string) => {
      const v = params?.get(key);
      return v?.[v.length - 1];
    };
    const modelRaw = at(raw, "model");
    const model: ModelName = typeof modelRaw === "string" && isModel(modelRaw) ? modelRaw : "mlp";
    const training = at(raw, "train") !== undefined;
    const { parsed, capped } = fitTraining(raw);
    const defaults = parseSimConfig({ model, train: {} });
    const values: Record<string, string> = {};
    for (const name of new Set(["model", ...FIELDS.map((f) => f.name)])) {
      const shown =
        fromUrl(name) ??
        at(parsed.ok ? parsed.config : undefined, name) ??
        at(defaults.ok ? defaults.config : undefined, name);
      values[name] = shown === undefined ? "" : String(shown);
    }
    values.model = model;
    // the field keeps what was asked for; the note under it says what runs
    if (capped) values["train.steps"] = String(capped.requested);
    if (values.initStd === "") values.initStd = String(LIMITS.initStd.default);
    return {
      slot,
      model,
      training,
      values,
      errors: parsed.ok ? [] : parsed.errors,
      config: parsed.ok ? parsed.config : null,
      capped,
      modelMissing: params !== undefined && !params.has("model"),
    };
  });
}
