import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyLabOp, labConfigsFromParams, labHref, labParamsFromConfigs, slotParams } from "@/lib/lab/state";
import {
  ACTIVATIONS,
  CLIP_MODES,
  INITS,
  NORMS,
  OPTIMIZERS,
  PRECISIONS,
  parseSimConfig,
  type SimConfig,
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

/** Canonical configs: random inputs through the engine's own parser (drops initStd where it does not apply). */
const canonical = fc.oneof(mlp, rnn, lstm, gru).map((raw) => {
  const input: Record<string, unknown> = { ...raw };
  if (input.train === undefined) delete input.train;
  if (raw.model === "mlp" && raw.init !== "normal" && raw.init !== "uniform") delete input.initStd;
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

  it("drops the fields that do not apply to the chosen model, and initStd unless init is normal/uniform", () => {
    const q = new URLSearchParams(
      "a.model=rnn&a.depth=30&a.activation=relu&a.steps=20&a.forgetBias=2&b.model=mlp&b.init=he&b.initStd=0.5&b.depth=4",
    );
    expect(labConfigsFromParams(q)).toEqual([
      { slot: "a", raw: { model: "rnn", steps: 20 } },
      { slot: "b", raw: { model: "mlp", init: "he", depth: 4 } },
    ]);
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
