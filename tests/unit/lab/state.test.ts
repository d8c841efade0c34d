import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyLabOp, labConfigsFromParams, labHref, labParamsFromConfigs, slotParams } from "@/lib/lab/state";
import {
  ACTIVATIONS,
  ATTENTION_SCALES,
  CLIP_MODES,
  FFN_ACTIVATIONS,
  INITS,
  MLP_LOSSES,
  NORMS,
  OPTIMIZERS,
  PRECISIONS,
  parseSimConfig,
  RECURRENT_INITS,
  RECURRENT_LOSSES,
  RNN_ACTIVATIONS,
  SCHEDULES,
  type SimConfig,
  TRANSFORMER_INITS,
  TRANSFORMER_NORMS,
} from "@/lib/sim";

const train = fc.option(
  fc.record({
    steps: fc.integer({ min: 1, max: 2000 }),
    optimizer: fc.constantFrom(...OPTIMIZERS),
    lr: fc.double({ min: 1e-8, max: 100, noNaN: true }),
    clip: fc.record({
      mode: fc.constantFrom(...CLIP_MODES),
      threshold: fc.double({ min: 1e-8, max: 1e6, noNaN: true }),
    }),
  }),
  { nil: undefined },
);
const common = {
  seed: fc.integer({ min: 0, max: 4294967295 }),
  precision: fc.constantFrom(...PRECISIONS),
  lossScale: fc.double({ min: 1, max: 4294967296, noNaN: true }),
  train,
};
const mlp = fc.record({
  model: fc.constant("mlp"),
  depth: fc.integer({ min: 1, max: 12 }),
  width: fc.integer({ min: 1, max: 16 }),
  batch: fc.integer({ min: 2, max: 8 }),
  activation: fc.constantFrom(...ACTIVATIONS),
  init: fc.constantFrom(...INITS),
  initStd: fc.double({ min: 1e-6, max: 100, noNaN: true }),
  norm: fc.constantFrom(...NORMS),
  residual: fc.boolean(),
  ...common,
});
const recurrentBase = {
  steps: fc.integer({ min: 1, max: 30 }),
  hidden: fc.integer({ min: 1, max: 16 }),
  inputs: fc.integer({ min: 1, max: 8 }),
  inputScale: fc.double({ min: 0, max: 100, noNaN: true }),
  batch: fc.integer({ min: 1, max: 8 }),
  ...common,
};
const rnn = fc.record({
  model: fc.constant("rnn"),
  spectralRadius: fc.double({ min: 0, max: 10, noNaN: true }),
  ...recurrentBase,
});
const lstm = fc.record({
  model: fc.constant("lstm"),
  forgetBias: fc.double({ min: -20, max: 20, noNaN: true }),
  ...recurrentBase,
});
const gru = fc.record({ model: fc.constant("gru"), ...recurrentBase });
// the new models and knobs (issue 11): the Transformer, the RNN's init and activation, the losses, schedules, decay, truncation
const trainPlus = fc.record({
  steps: fc.integer({ min: 10, max: 50 }),
  optimizer: fc.constantFrom(...OPTIMIZERS),
  lr: fc.double({ min: 1e-8, max: 100, noNaN: true }),
  schedule: fc.record({ kind: fc.constantFrom(...SCHEDULES), warmupSteps: fc.integer({ min: 1, max: 10 }) }),
  weightDecay: fc.double({ min: 0, max: 10, noNaN: true }),
});
const transformer = fc.record({
  model: fc.constant("transformer"),
  depth: fc.integer({ min: 1, max: 4 }),
  dModel: fc.constantFrom(8, 16, 32),
  heads: fc.constantFrom(1, 2, 4, 8),
  seqLen: fc.integer({ min: 2, max: 16 }),
  batch: fc.integer({ min: 1, max: 4 }),
  ffnMult: fc.integer({ min: 1, max: 8 }),
  ffnActivation: fc.constantFrom(...FFN_ACTIVATIONS),
  norm: fc.constantFrom(...TRANSFORMER_NORMS),
  attentionScale: fc.constantFrom(...ATTENTION_SCALES),
  causal: fc.boolean(),
  init: fc.constantFrom(...TRANSFORMER_INITS),
  ...common,
  train: fc.option(trainPlus, { nil: undefined }),
});
const rnnPlus = fc.record({
  model: fc.constant("rnn"),
  recurrentInit: fc.constantFrom(...RECURRENT_INITS),
  activation: fc.constantFrom(...RNN_ACTIVATIONS),
  loss: fc.constantFrom(...RECURRENT_LOSSES),
  ...recurrentBase,
  train: fc.option(
    trainPlus.chain((t) => fc.record({ truncation: fc.integer({ min: 1, max: 30 }) }).map((x) => ({ ...t, ...x }))),
    { nil: undefined },
  ),
});
const mlpPlus = fc.record({
  model: fc.constant("mlp"),
  depth: fc.integer({ min: 1, max: 6 }),
  width: fc.integer({ min: 1, max: 8 }),
  init: fc.constant("lsuv"),
  loss: fc.constantFrom(...MLP_LOSSES),
  ...common,
  train: fc.option(trainPlus, { nil: undefined }),
});

/** Canonical configs: random inputs through the engine's own parser (drops initStd where it does not apply). */
const canonical = fc.oneof(mlp, rnn, lstm, gru, transformer, rnnPlus, mlpPlus).map((raw) => {
  const input: Record<string, unknown> = { ...raw };
  if (input.train === undefined) delete input.train;
  if (raw.model === "mlp" && raw.init !== "normal" && raw.init !== "uniform") delete input.initStd;
  const t = input.train as { schedule?: { kind: string; warmupSteps: number } } | undefined;
  if (t?.schedule?.kind === "constant") t.schedule = { kind: "constant", warmupSteps: 0 };
  const parsed = parseSimConfig(input);
  // A URL (like JSON) cannot carry −0: String(-0) is "0". Compare configs as JSON sees them.
  return parsed.ok ? (JSON.parse(JSON.stringify(parsed.config)) as SimConfig) : null;
});
const canonicalList = fc.array(canonical, { minLength: 1, maxLength: 3 }).map((l) => l.filter((c) => c !== null));

function roundTrip(configs: SimConfig[]): unknown[] {
  const url = new URL(`http://x${labHref(configs)}`);
  return labConfigsFromParams(url.searchParams).map(({ raw }) => {
    const parsed = parseSimConfig(raw);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.config;
  });
}

describe("lab URL format (a./b./c. prefixes on the flat config parameters)", () => {
  it("round-trips any one to three canonical configs exactly, through a real URL string", () => {
    fc.assert(
      fc.property(canonicalList, (configs) => {
        expect(roundTrip(configs)).toEqual(configs);
      }),
      { numRuns: 300 },
    );
  });

  it("also round-trips through the object form Next.js gives a page's searchParams", () => {
    fc.assert(
      fc.property(canonicalList, (configs) => {
        const obj: Record<string, string> = Object.fromEntries(labParamsFromConfigs(configs));
        const back = labConfigsFromParams(obj).map(({ raw }) => parseSimConfig(raw));
        expect(back.map((p) => (p.ok ? p.config : p.errors))).toEqual(configs);
      }),
      { numRuns: 100 },
    );
  });

  it("refuses more than three configs", () => {
    const c = { model: "mlp" };
    expect(() => labParamsFromConfigs([c, c, c, c])).toThrow(/at most 3/);
  });

  it("reads an unprefixed /api/simulate query as config a", () => {
    expect(labConfigsFromParams(new URLSearchParams("model=rnn&steps=20"))).toEqual([
      { slot: "a", raw: { model: "rnn", steps: 20 } },
    ]);
  });

  it("reads a bare config query without a model as config a (an MLP), and ignores unrelated keys alone", () => {
    expect(labConfigsFromParams(new URLSearchParams("depth=300&utm_source=x"))).toEqual([
      { slot: "a", raw: { model: "mlp", depth: 300 } },
    ]);
    expect(labConfigsFromParams(new URLSearchParams("train.steps=50"))).toEqual([
      { slot: "a", raw: { model: "mlp", train: { steps: 50 } } },
    ]);
    expect(labConfigsFromParams(new URLSearchParams("utm_source=x&op=add"))).toEqual([]);
  });

  it("drops the fields that do not apply to the chosen model, and initStd unless init is normal/uniform", () => {
    const q = new URLSearchParams(
      "a.model=rnn&a.depth=30&a.activation=sigmoid&a.steps=20&a.forgetBias=2&b.model=mlp&b.init=he&b.initStd=0.5&b.depth=4",
    );
    expect(labConfigsFromParams(q)).toEqual([
      { slot: "a", raw: { model: "rnn", steps: 20 } },
      { slot: "b", raw: { model: "mlp", init: "he", depth: 4 } },
    ]);
  });

  it("drops a shared field's value left over from another model, keeps values no model accepts, and the new train fields where they do not apply", () => {
    const q = new URLSearchParams(
      [
        "a.model=transformer&a.norm=batch&a.init=he&a.activation=tanh&a.depth=12",
        "b.model=rnn&b.activation=sigmoid&b.loss=mse&b.train.truncation=5&b.train.schedule.kind=constant&b.train.schedule.warmupSteps=4",
        "c.model=mlp&c.norm=pre&c.loss=bogus&c.train.truncation=5&c.train.truncation=",
      ].join("&"),
    );
    expect(labConfigsFromParams(q)).toEqual([
      { slot: "a", raw: { model: "transformer", depth: 12 } },
      { slot: "b", raw: { model: "rnn", train: { truncation: 5, schedule: { kind: "constant" } } } },
      { slot: "c", raw: { model: "mlp", loss: "bogus", train: {} } }, // train.* keys present: training is on
    ]);
    const truncationOff = labConfigsFromParams(new URLSearchParams("a.model=gru&a.training=1&a.train.truncation="));
    expect(truncationOff[0]?.raw).toEqual({ model: "gru", train: {} });
  });

  it("switches training with the training field: 0 alone is off, any 1 is on, absent follows the train.* keys", () => {
    const off = labConfigsFromParams(new URLSearchParams("a.model=mlp&a.training=0&a.train.steps=5"));
    expect(off[0]?.raw).toEqual({ model: "mlp" });
    const on = labConfigsFromParams(new URLSearchParams("a.model=mlp&a.training=0&a.training=1"));
    expect(on[0]?.raw).toEqual({ model: "mlp", train: {} });
    const implicit = labConfigsFromParams(new URLSearchParams("a.model=mlp&a.train.steps=5"));
    expect(implicit[0]?.raw).toEqual({ model: "mlp", train: { steps: 5 } });
  });

  it("keeps wrong values for the engine to reject with its own message", () => {
    const [slot] = labConfigsFromParams(new URLSearchParams("a.model=mlp&a.depth=9999"));
    const parsed = parseSimConfig(slot?.raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors[0]).toMatchObject({ path: "depth", message: expect.stringMatching(/1 to 200/) });
  });

  it("adds a copy of the last config and removes a config, re-lettering the rest", () => {
    const q = new URLSearchParams("a.model=mlp&a.depth=3&b.model=rnn&b.steps=7");
    const added = applyLabOp(q, "add");
    expect(added.toString()).toBe("a.model=mlp&a.depth=3&b.model=rnn&b.steps=7&c.model=rnn&c.steps=7");
    expect(applyLabOp(added, "add").toString()).toBe(added.toString()); // three is the limit
    expect(applyLabOp(added, "remove-a").toString()).toBe("a.model=rnn&a.steps=7&b.model=rnn&b.steps=7");
    expect(applyLabOp(new URLSearchParams("a.model=mlp"), "remove-a").toString()).toBe("a.model=mlp"); // keeps one
    expect(slotParams(added).map((s) => s.slot)).toEqual(["a", "b", "c"]);
  });
});
