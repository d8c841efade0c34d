/** The input contract: defaults, bounds, messages, the cost model, query params. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  configFromSearchParams,
  configToSearchParams,
  estimateFlops,
  FLOP_BUDGET,
  parseSimConfig,
  type SimConfig,
  SimConfigSchema,
} from "../../../lib/sim/index";

function errorsOf(input: unknown) {
  const r = parseSimConfig(input);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
}

describe("SimConfigSchema / parseSimConfig", () => {
  it("fills every default (MLP) in a fixed key order", () => {
    const r = parseSimConfig({ model: "mlp" });
    expect(r).toEqual({
      ok: true,
      config: {
        model: "mlp",
        depth: 10,
        width: 64,
        batch: 32,
        activation: "tanh",
        init: "xavier",
        norm: "none",
        residual: false,
        loss: "mse",
        seed: 0,
        precision: "fp64",
        lossScale: 1,
      },
    });
    const shuffled = parseSimConfig({ seed: 0, residual: false, model: "mlp", depth: 10 });
    expect(JSON.stringify(shuffled)).toBe(JSON.stringify(r));
  });

  it("fills initStd only where it applies, and rejects it elsewhere", () => {
    expect(SimConfigSchema.parse({ model: "mlp", init: "normal" })).toMatchObject({ init: "normal", initStd: 1 });
    expect(SimConfigSchema.parse({ model: "mlp", init: "uniform", initStd: 0.1 })).toMatchObject({ initStd: 0.1 });
    expect(errorsOf({ model: "mlp", init: "he", initStd: 0.1 })).toEqual([
      { path: "initStd", message: expect.stringMatching(/initStd applies only to init "normal" or "uniform"/) },
    ]);
  });

  it("fills recurrent defaults, per model", () => {
    expect(SimConfigSchema.parse({ model: "rnn" })).toEqual({
      model: "rnn",
      steps: 50,
      hidden: 32,
      inputs: 8,
      inputScale: 1,
      batch: 8,
      spectralRadius: 1,
      recurrentInit: "gaussian",
      activation: "tanh",
      loss: "last",
      seed: 0,
      precision: "fp64",
      lossScale: 1,
    });
    expect(SimConfigSchema.parse({ model: "lstm" })).toMatchObject({ forgetBias: 1 });
    expect(SimConfigSchema.parse({ model: "gru" })).not.toHaveProperty("forgetBias");
  });

  it("fills training defaults", () => {
    expect(SimConfigSchema.parse({ model: "mlp", train: {} }).train).toEqual({
      steps: 50,
      optimizer: "sgd",
      lr: 0.01,
      schedule: { kind: "constant", warmupSteps: 0 },
      weightDecay: 0,
      clip: { mode: "none", threshold: 1 },
    });
    expect(SimConfigSchema.parse({ model: "gru", train: { clip: { mode: "norm" } } }).train?.clip).toEqual({
      mode: "norm",
      threshold: 1,
    });
  });

  it.each([
    [{ model: "mlp", depth: 0 }, "depth", /depth must be an integer from 1 to 200/],
    [{ model: "mlp", depth: 2.5 }, "depth", /depth must be an integer from 1 to 200/],
    [{ model: "mlp", depth: "30" }, "depth", /depth must be an integer/],
    [{ model: "mlp", width: 1000 }, "width", /width must be an integer from 1 to 512/],
    [
      { model: "mlp", activation: "swish" },
      "activation",
      /activation must be one of sigmoid, tanh, relu, leaky_relu, elu, gelu, selu, linear/,
    ],
    [{ model: "mlp", init: "kaiming" }, "init", /init must be one of normal, uniform, xavier, he, lecun, orthogonal/],
    [{ model: "mlp", residual: "yes" }, "residual", /residual must be true or false/],
    [{ model: "mlp", norm: "batch", batch: 1 }, "batch", /batch must be at least 2 with norm "batch"/],
    [{ model: "mlp", precision: "bf16" }, "precision", /precision must be one of fp64, fp32, fp16/],
    [{ model: "rnn", spectralRadius: -1 }, "spectralRadius", /spectralRadius must be a number from 0 to 10/],
    [{ model: "rnn", forgetBias: 2 }, "", /unknown field "forgetBias" in an rnn config; allowed: model, steps/],
    [{ model: "mlp", dpeth: 3 }, "", /unknown field "dpeth"/],
    [{ model: "mlp", train: { lr: 0 } }, "train.lr", /train.lr must be a number from 1e-8 to 100/],
    [
      { model: "mlp", train: { optimizer: "rmsprop" } },
      "train.optimizer",
      /train.optimizer must be one of sgd, momentum, adam/,
    ],
    [
      { model: "mlp", train: { clip: { mode: "norm", threshold: -1 } } },
      "train.clip.threshold",
      /train.clip.threshold must be a number/,
    ],
    [{ model: "mlp", train: { clip: { max: 1 } } }, "train.clip", /unknown field "max" in train.clip/],
    [{ model: "cnn" }, "model", /model must be one of mlp, rnn, lstm, gru/],
    [{}, "model", /model must be one of/],
    [null, "", /config must be a JSON object/],
    [[1, 2], "", /config must be a JSON object/],
  ])("rejects %o at %s", (input, path, message) => {
    const errors = errorsOf(input);
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("rejects runs over the cost budget with a message saying why and what to reduce", () => {
    const big = { model: "mlp", depth: 200, width: 512, batch: 256 };
    const errors = errorsOf(big);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe("");
    expect(errors[0]!.message).toMatch(/estimated .*FLOP, over the limit .*reduce depth, width or batch/);
    expect(errorsOf({ model: "mlp", depth: 50, width: 256, batch: 64, train: { steps: 2000 } })[0]!.message).toMatch(
      /train\.steps/,
    );
    expect(errorsOf({ model: "lstm", steps: 500, hidden: 256, batch: 256 })[0]!.message).toMatch(
      /reduce steps, hidden, inputs or batch/,
    );
  });

  it("admits the reference benchmark pass (depth 50, width 256, batch 64) and counts its flops", () => {
    const r = parseSimConfig({ model: "mlp", depth: 50, width: 256, batch: 64, activation: "tanh", init: "xavier" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const gemmFlops = 6 * 64 * 256 * 256 * 50;
    expect(estimateFlops(r.config)).toBeGreaterThan(gemmFlops);
    expect(estimateFlops(r.config)).toBeLessThan(FLOP_BUDGET);
  });
});

describe("query parameters", () => {
  it("parses flat dotted params with coercion", () => {
    const q = new URLSearchParams(
      "model=mlp&depth=30&activation=tanh&residual=true&train.steps=50&train.lr=1e-3&train.clip.mode=norm&seed=",
    );
    expect(configFromSearchParams(q)).toEqual({
      model: "mlp",
      depth: 30,
      activation: "tanh",
      residual: true,
      train: { steps: 50, lr: 0.001, clip: { mode: "norm" } },
    });
    expect(configFromSearchParams({ model: "rnn", steps: "20", x: undefined })).toEqual({ model: "rnn", steps: 20 });
  });

  it("keeps repeated keys as arrays (rejected by the schema) and cannot pollute prototypes", () => {
    const c = configFromSearchParams({ model: "mlp", depth: ["3", "4"] });
    expect(errorsOf(c)[0]).toMatchObject({ path: "depth" });
    const p = configFromSearchParams(new URLSearchParams("model=mlp&__proto__.polluted=1&constructor.prototype.x=1"));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(errorsOf(p)[0]!.message).toMatch(/unknown field/);
  });

  const arbConfig: fc.Arbitrary<unknown> = fc.oneof(
    fc.record(
      {
        model: fc.constant("mlp"),
        depth: fc.integer({ min: 1, max: 30 }),
        width: fc.integer({ min: 1, max: 32 }),
        activation: fc.constantFrom("sigmoid", "tanh", "relu", "gelu"),
        init: fc.constantFrom("normal", "he", "orthogonal"),
        residual: fc.boolean(),
        lossScale: fc.double({ min: 1, max: 1e6, noNaN: true }),
        train: fc.record({
          steps: fc.integer({ min: 1, max: 5 }),
          lr: fc.double({ min: 1e-6, max: 1, noNaN: true }),
          clip: fc.record({ mode: fc.constantFrom("none", "norm", "value") }),
        }),
      },
      { requiredKeys: ["model"] },
    ),
    fc.record(
      {
        model: fc.constantFrom("rnn", "lstm", "gru"),
        steps: fc.integer({ min: 1, max: 40 }),
        hidden: fc.integer({ min: 1, max: 16 }),
        inputScale: fc.double({ min: 0, max: 5, noNaN: true }),
      },
      { requiredKeys: ["model"] },
    ),
  );

  it("configToSearchParams is the inverse of configFromSearchParams on canonical configs (property)", () => {
    fc.assert(
      fc.property(arbConfig, (input) => {
        const r = parseSimConfig(input);
        if (!r.ok) return true;
        const back = parseSimConfig(configFromSearchParams(configToSearchParams(r.config)));
        expect(back).toEqual(r);
        expect(JSON.stringify(back)).toBe(JSON.stringify(r)); // same canonical bytes (cache key)
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it("produces readable links", () => {
    const c = SimConfigSchema.parse({ model: "mlp", depth: 30, train: { steps: 5 } }) as SimConfig;
    expect(configToSearchParams(c).toString()).toBe(
      "model=mlp&depth=30&width=64&batch=32&activation=tanh&init=xavier&norm=none&residual=false&loss=mse&seed=0&precision=fp64&lossScale=1&train.steps=5&train.optimizer=sgd&train.lr=0.01&train.schedule.kind=constant&train.schedule.warmupSteps=0&train.weightDecay=0&train.clip.mode=none&train.clip.threshold=1",
    );
  });
});

describe("the new models' and knobs' contract", () => {
  it("fills every Transformer default in a fixed key order", () => {
    const c = SimConfigSchema.parse({ seed: 1, model: "transformer" });
    expect(JSON.stringify(c)).toBe(
      JSON.stringify({
        model: "transformer",
        depth: 6,
        dModel: 64,
        heads: 4,
        seqLen: 16,
        batch: 4,
        ffnMult: 4,
        ffnActivation: "relu",
        norm: "pre",
        attentionScale: "sqrt",
        causal: true,
        init: "xavier",
        loss: "all",
        seed: 1,
        precision: "fp64",
        lossScale: 1,
      }),
    );
  });

  it("fills the schedule's defaults and keeps train.truncation only when given", () => {
    const t = SimConfigSchema.parse({
      model: "lstm",
      train: { schedule: { kind: "warmup-cosine" }, truncation: 5 },
    }).train;
    expect(t).toEqual({
      steps: 50,
      optimizer: "sgd",
      lr: 0.01,
      schedule: { kind: "warmup-cosine", warmupSteps: 0 },
      weightDecay: 0,
      clip: { mode: "none", threshold: 1 },
      truncation: 5,
    });
    expect(SimConfigSchema.parse({ model: "rnn", train: {} }).train).not.toHaveProperty("truncation");
  });

  it.each([
    [{ model: "transformer", dModel: 30, heads: 4 }, "heads", /heads must divide dModel \(got dModel 30, heads 4\)/],
    [{ model: "transformer", depth: 49 }, "depth", /depth must be an integer from 1 to 48/],
    [{ model: "transformer", dModel: 4 }, "dModel", /dModel must be an integer from 8 to 256/],
    [{ model: "transformer", heads: 9 }, "heads", /heads must be an integer from 1 to 8/],
    [{ model: "transformer", seqLen: 1 }, "seqLen", /seqLen must be an integer from 2 to 128/],
    [{ model: "transformer", batch: 65 }, "batch", /batch must be an integer from 1 to 64/],
    [{ model: "transformer", norm: "layer" }, "norm", /norm must be one of pre, post, none/],
    [{ model: "transformer", attentionScale: "1/d" }, "attentionScale", /attentionScale must be one of sqrt, none/],
    [{ model: "transformer", ffnActivation: "tanh" }, "ffnActivation", /ffnActivation must be one of relu, gelu/],
    [{ model: "transformer", init: "he" }, "init", /init must be one of xavier, small/],
    [{ model: "transformer", causal: "yes" }, "causal", /causal must be true or false/],
    [{ model: "transformer", loss: "first" }, "loss", /loss must be one of all, last/],
    [{ model: "transformer", width: 8 }, "", /unknown field "width" in a transformer config/],
    [{ model: "mlp", loss: "ce" }, "loss", /loss must be one of mse, bce/],
    [{ model: "gru", loss: "mse" }, "loss", /loss must be one of last, all/],
    [
      { model: "rnn", recurrentInit: "he" },
      "recurrentInit",
      /recurrentInit must be one of gaussian, orthogonal, identity/,
    ],
    [{ model: "rnn", activation: "sigmoid" }, "activation", /activation must be one of tanh, relu/],
    [{ model: "lstm", recurrentInit: "orthogonal" }, "", /unknown field "recurrentInit" in an lstm config/],
    [{ model: "mlp", train: { truncation: 5 } }, "train.truncation", /applies only to the recurrent models/],
    [{ model: "transformer", train: { truncation: 5 } }, "train.truncation", /applies only to the recurrent models/],
    [
      { model: "rnn", train: { truncation: 0 } },
      "train.truncation",
      /train.truncation must be an integer from 1 to 500/,
    ],
    [
      { model: "mlp", train: { weightDecay: -1 } },
      "train.weightDecay",
      /train.weightDecay must be a number from 0 to 10/,
    ],
    [
      { model: "mlp", train: { schedule: { kind: "step" } } },
      "train.schedule.kind",
      /must be one of constant, linear-warmup, warmup-cosine/,
    ],
    [
      { model: "mlp", train: { schedule: { kind: "linear-warmup" } } },
      "train.schedule.warmupSteps",
      /at least 1 with schedule "linear-warmup"/,
    ],
    [
      { model: "mlp", train: { schedule: { warmupSteps: 3 } } },
      "train.schedule.warmupSteps",
      /applies only to the warm-up schedules/,
    ],
    [
      { model: "mlp", train: { steps: 5, schedule: { kind: "linear-warmup", warmupSteps: 6 } } },
      "train.schedule.warmupSteps",
      /at most train.steps \(5\)/,
    ],
    [
      { model: "mlp", train: { schedule: { kind: "linear-warmup", warmupSteps: 2, decay: 1 } } },
      "train.schedule",
      /unknown field "decay" in train.schedule/,
    ],
  ])("rejects %o at %s", (input, path, message) => {
    expect(errorsOf(input)).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("accepts adamw, lsuv, bce with a residual read-out, and the RNN's new inits", () => {
    for (const input of [
      { model: "mlp", init: "lsuv", loss: "bce", residual: true, train: { optimizer: "adamw", weightDecay: 0.1 } },
      { model: "rnn", recurrentInit: "identity", activation: "relu", loss: "all", train: { truncation: 10 } },
      { model: "rnn", recurrentInit: "orthogonal" },
      {
        model: "transformer",
        norm: "post",
        attentionScale: "none",
        causal: false,
        init: "small",
        ffnActivation: "gelu",
      },
    ])
      expect(parseSimConfig(input).ok).toBe(true);
  });

  it("costs attention quadratically in seqLen and refuses Transformers over the budget, naming their knobs", () => {
    const at = (seqLen: number) =>
      estimateFlops(SimConfigSchema.parse({ model: "transformer", seqLen, dModel: 32, depth: 2 }));
    // doubling T doubles the projections and FFN but quadruples the attention: more than 2× in total
    expect(at(128) / at(64)).toBeGreaterThan(2.1);
    const errors = errorsOf({ model: "transformer", depth: 48, dModel: 256, seqLen: 128, batch: 64 });
    expect(errors[0]!.message).toMatch(/reduce depth, dModel, seqLen or batch/);
  });
});
