/** What the lab shows for a URL: values, the training cap, errors in words, the layer strip, the config's label. */
import { describe, expect, it } from "vitest";
import { describeConfig } from "@/lib/lab/describe";
import { fieldProblem } from "@/lib/lab/field-errors";
import { fieldsFor } from "@/lib/lab/fields";
import { gainCell, layerStrip } from "@/lib/lab/layer-strip";
import { readLabSlots } from "@/lib/lab/slots";
import { estimateFlops, FLOP_BUDGET, parseSimConfig, simulate } from "@/lib/sim";

const q = (s: string) => new URLSearchParams(s);

describe("readLabSlots", () => {
  it("an empty URL is one default MLP at initialisation", () => {
    const [a, ...rest] = readLabSlots(q(""));
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ slot: "a", model: "mlp", training: false, errors: [], capped: null });
    expect(a?.values).toMatchObject({ depth: "10", width: "64", activation: "tanh", "train.steps": "50" });
  });

  it("a slot without a model is an MLP, so a depth over 200 is named (not 'model must be one of')", () => {
    const [a] = readLabSlots(q("a.depth=500"));
    expect(a?.errors.map((e) => e.path)).toEqual(["depth"]);
    expect(a?.values.depth).toBe("500");
    expect(a?.model).toBe("mlp");
    expect(a?.modelMissing).toBe(true);
    // named, or no slot in the URL at all (the plain /lab): nothing to explain
    expect(readLabSlots(q("a.model=mlp&a.depth=500"))[0]?.modelMissing).toBe(false);
    expect(readLabSlots(q(""))[0]?.modelMissing).toBe(false);
  });

  it("the training radio: one value; the old repeated form still reads as on", () => {
    expect(readLabSlots(q("a.model=mlp&a.training=1"))[0]?.training).toBe(true);
    expect(readLabSlots(q("a.model=mlp&a.training=0&a.train.steps=5"))[0]?.training).toBe(false);
    expect(readLabSlots(q("a.model=mlp&a.training=0&a.training=1"))[0]?.training).toBe(true);
  });

  it("a training run over the compute limit is capped to the most steps that fit, and says so", () => {
    const [a] = readLabSlots(q("a.model=mlp&a.depth=50&a.training=1"));
    expect(parseSimConfig({ model: "mlp", depth: 50, train: {} }).ok).toBe(false);
    expect(a?.errors).toEqual([]);
    const steps = a?.capped?.steps ?? 0;
    expect(a?.capped?.requested).toBe(50);
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThan(50);
    expect(a?.config?.train?.steps).toBe(steps);
    expect(estimateFlops(a?.config as NonNullable<typeof a>["config"] & object)).toBeLessThanOrEqual(FLOP_BUDGET);
    expect(parseSimConfig({ model: "mlp", depth: 50, train: { steps: steps + 1 } }).ok).toBe(false);
  });

  it("other problems are not capped away", () => {
    const [a] = readLabSlots(q("a.model=mlp&a.depth=50&a.training=1&a.train.lr=-1"));
    expect(a?.capped).toBeNull();
    expect(a?.config).toBeNull();
  });
});

describe("field problems in words", () => {
  it("a range has its bounds, a choice says choose, the budget says what to reduce", () => {
    expect(fieldProblem("mlp", { path: "depth", message: "x" })).toEqual({
      path: "depth",
      key: "errorInteger",
      values: { min: 1, max: 200 },
    });
    expect(fieldProblem("rnn", { path: "batch", message: "x" }).values).toEqual({ min: 1, max: 256 });
    expect(fieldProblem("mlp", { path: "train.lr", message: "x" }).key).toBe("errorNumber");
    expect(fieldProblem("mlp", { path: "activation", message: "x" }).key).toBe("errorChoice");
    const over = parseSimConfig({ model: "rnn", steps: 500, hidden: 256, batch: 256, inputs: 256 });
    expect(over.ok).toBe(false);
    if (!over.ok)
      expect(fieldProblem("rnn", over.errors[0] as { path: string; message: string })).toEqual({
        path: "",
        key: "errorBudget",
        values: { reduce: "recurrent" },
      });
    // the Transformer's own knobs, not the recurrent nets' (the engine names depth, dModel, seqLen, batch)
    const big = parseSimConfig({ model: "transformer", depth: 48, dModel: 256, seqLen: 128, batch: 16 });
    expect(big.ok).toBe(false);
    if (!big.ok) {
      const e = big.errors[0] as { path: string; message: string };
      expect(e.message).toMatch(/depth, dModel, seqLen or batch/);
      expect(fieldProblem("transformer", e)).toEqual({
        path: "",
        key: "errorBudget",
        values: { reduce: "transformer" },
      });
    }
  });
});

describe("fieldProblem for the engine's cross-field rules", () => {
  /** The engine's problems for a config, each worded by the lab. */
  const worded = (input: Record<string, unknown>) => {
    const p = parseSimConfig(input);
    if (p.ok) throw new Error("expected the engine to refuse this config");
    return p.errors.map((e) => fieldProblem(input.model as "mlp", e));
  };

  it("a value in range that breaks a rule is named by the rule, not as out of range", () => {
    expect(worded({ model: "transformer", dModel: 64, heads: 3 })).toEqual([
      { path: "heads", key: "errorHeadsDivide", values: {} },
    ]);
    expect(
      worded({ model: "mlp", train: { steps: 10, schedule: { kind: "linear-warmup", warmupSteps: 20 } } }),
    ).toEqual([{ path: "train.schedule.warmupSteps", key: "errorWarmupMax", values: { steps: 10 } }]);
    expect(worded({ model: "mlp", train: { schedule: { kind: "linear-warmup", warmupSteps: 0 } } })).toEqual([
      { path: "train.schedule.warmupSteps", key: "errorWarmupMin", values: {} },
    ]);
    expect(worded({ model: "mlp", init: "he", initStd: 0.5 })).toEqual([
      { path: "initStd", key: "errorNotApplicable", values: {} },
    ]);
    expect(worded({ model: "mlp", train: { truncation: 5 } })).toEqual([
      { path: "train.truncation", key: "errorNotApplicable", values: {} },
    ]);
    expect(worded({ model: "mlp", norm: "batch", batch: 1 })).toEqual([
      { path: "batch", key: "errorBatchNorm", values: {} },
    ]);
  });

  it("what has no sentence of ours gets a general one, never the engine's English", () => {
    expect(fieldProblem("mlp", { path: "", message: "something new" })).toEqual({
      path: "",
      key: "errorOther",
      values: {},
    });
    expect(fieldProblem("mlp", { path: "nonsense", message: "x" })).toEqual({
      path: "nonsense",
      key: "errorOther",
      values: {},
    });
  });
});

describe("fields", () => {
  it("show the model's own fields; initStd only for normal/uniform; training fields only with training", () => {
    const v = (init: string) => (n: string) => (n === "init" ? init : "");
    const names = (m: Parameters<typeof fieldsFor>[0], training: boolean, init = "xavier") =>
      fieldsFor(m, training, v(init)).map((f) => f.name);
    expect(names("mlp", false)).not.toContain("initStd");
    expect(names("mlp", false, "normal")).toContain("initStd");
    expect(names("mlp", false)).not.toContain("train.lr");
    expect(names("mlp", true)).toContain("train.lr");
    expect(names("rnn", false)).toContain("spectralRadius");
    expect(names("lstm", false)).not.toContain("spectralRadius");
    expect(names("lstm", false)).toContain("forgetBias");
  });
});

describe("the layer strip", () => {
  it("one cell per layer but the last; the product of the gains is the first/last ratio", () => {
    const p = parseSimConfig({ model: "mlp", depth: 12, width: 16, batch: 8, activation: "sigmoid" });
    if (!p.ok) throw new Error("config");
    const r = simulate(p.config, { timing: false });
    const cells = layerStrip(r);
    expect(cells).toHaveLength(11);
    const product = cells.reduce((acc, c) => acc * (c.gain ?? Number.NaN), 1);
    expect(product / r.summary.gradRatio).toBeCloseTo(1, 10);
    expect(cells.every((c) => c.kind === "shrinks")).toBe(true); // sigmoid: slope ≤ 1/4 at every layer
  });

  it("kinds: grows, shrinks, steady within 2 %, underflow, non-finite", () => {
    expect(gainCell(1, 2, 1)).toMatchObject({ kind: "grows", gain: 2 });
    expect(gainCell(1, 1, 4)).toMatchObject({ kind: "shrinks", strength: 1 });
    expect(gainCell(1, 1.01, 1).kind).toBe("steady");
    expect(gainCell(1, 0, 1).kind).toBe("underflow");
    expect(gainCell(1, null, 1).kind).toBe("nonfinite");
    expect(gainCell(1, Number.POSITIVE_INFINITY, 1).kind).toBe("nonfinite");
  });
});

describe("describeConfig", () => {
  const words = {
    option: (f: string, v: string) => `${f}:${v}`,
    model: (m: string) => m.toUpperCase(),
    atInit: "at init",
    afterTraining: (n: number, o: string) => `after ${n} ${o}`,
    residual: "res",
    hidden: (n: number) => `h${n}`,
    extra: () => "",
  };
  it("says whether the chart shows the net at initialisation or after training", () => {
    const init = parseSimConfig({ model: "mlp", depth: 3 });
    const trained = parseSimConfig({ model: "mlp", depth: 3, train: { steps: 7, optimizer: "adam" } });
    if (!init.ok || !trained.ok) throw new Error("config");
    expect(describeConfig(init.config, words)).toBe("MLP 3×64, activation:tanh, init:xavier — at init");
    expect(describeConfig(trained.config, words)).toMatch(/— after 7 train\.optimizer:adam$/);
  });
});

describe("the lab's option names", () => {
  it("every choice of every model's fields has a name in English and Chinese, so no raw value (pre, sqrt, small) shows", async () => {
    const { MODEL_NAMES, optionKey } = await import("@/lib/lab/fields");
    const catalogs = {
      en: (await import("@/lib/i18n/messages/sim/en.json")).default,
      zh: (await import("@/lib/i18n/messages/sim/zh.json")).default,
    };
    const missing: string[] = [];
    for (const model of MODEL_NAMES)
      for (const training of [false, true])
        for (const f of fieldsFor(model, training, () => ""))
          for (const value of f.kind === "choice" && f.name !== "model" ? (f.choices ?? []) : [])
            for (const [lang, catalog] of Object.entries(catalogs)) {
              const words: unknown = (catalog.lab as Record<string, unknown>)[optionKey(f.name, value)];
              if (typeof words !== "string" || !words.trim()) missing.push(`${lang} ${model} ${f.name}=${value}`);
            }
    expect([...new Set(missing)]).toEqual([]);
  });
});
