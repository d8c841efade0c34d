/**
 * Every lesson in the bank is backed by the engine: each scenario config and each prediction
 * config is valid, each run shows what its `expect` claims, and each prediction question is
 * gradable and unambiguous for its seed with its stated margin.
 */
import { describe, expect, it } from "vitest";
import { readQuestionBank } from "../../../lib/content/load";
import type { PredictionSpec } from "../../../lib/content/schema";
import {
  gradePrediction,
  isValidAnswer,
  outcomeOf,
  predictionAmbiguity,
  predictionConfigs,
} from "../../../lib/grading/prediction";
import { differingKnobs } from "../../../lib/questions/scenario-knob";
import { parseSimConfig, SCENARIO_FLOP_BUDGET, type SimResult } from "../../../lib/sim";
import { expectationFailures, runConfig } from "./run-bank";

const qs = readQuestionBank().questions.map((l) => l.question);

/** Embedded scenarios must compute in < 50 ms: the cost model's SCENARIO_FLOP_BUDGET. */
const MAX_SCENARIO_FLOPS = SCENARIO_FLOP_BUDGET;

const runs = qs.flatMap((q) =>
  q.scenarios.flatMap((s) =>
    [["problem", s.problem] as const, ...s.fixes.map((f, i) => [`fix ${i + 1}`, f] as const)].map(
      ([which, run]) => [`${q.slug} / ${s.key} / ${which}`, run] as const,
    ),
  ),
);

describe("scenario configs", () => {
  it.each(runs)("%s: config is valid and cheap", (_name, run) => {
    const p = parseSimConfig(run.config);
    expect(p.ok ? [] : p.errors).toEqual([]);
  });

  it.each(runs)("%s: the engine shows what the caption claims", (_name, run) => {
    const r = runConfig(run.config);
    expect(expectationFailures(r, run.expect)).toEqual([]);
    expect(r.meta.flops).toBeLessThanOrEqual(MAX_SCENARIO_FLOPS);
  });

  it("every scenario states at least one checkable expectation per run", () => {
    for (const [name, run] of runs) expect(Object.keys(run.expect).length, name).toBeGreaterThan(0);
  });

  const scenarios = qs.flatMap((q) => q.scenarios.map((s) => [`${q.slug} / ${s.key}`, s] as const));

  it.each(scenarios)("%s: the problem and every fix differ in exactly the knobs it declares", (_name, s) => {
    const derived = [...new Set(s.fixes.flatMap((f) => differingKnobs(s.problem.config, f.config)))].sort();
    expect(s.varies, `declare varies: [${derived.join(", ")}]`).toBeDefined();
    const declared = [...(s.varies ?? [])].sort();
    for (const [i, f] of s.fixes.entries())
      expect(differingKnobs(s.problem.config, f.config), `fix ${i + 1} vs the problem`).toEqual(declared);
  });

  it("a scenario's problem and fix differ in verdict or outcome", () => {
    for (const q of qs)
      for (const s of q.scenarios)
        for (const f of s.fixes)
          expect(JSON.stringify(f.expect), `${q.slug}/${s.key}`).not.toBe(JSON.stringify(s.problem.expect));
  });
});

const predictions = qs
  .filter((q) => q.type === "prediction")
  .map((q) => [q.slug, (q as { prediction: PredictionSpec }).prediction] as const);

describe("prediction questions", () => {
  it("there are prediction questions of every kind", () => {
    const kinds = new Set(predictions.map(([, p]) => p.kind));
    for (const k of ["verdict", "smallestGradient", "log10GradRatio", "lossDecreases", "healthiest"])
      expect(kinds.has(k as PredictionSpec["kind"]), k).toBe(true);
  });

  it.each(predictions)("%s: configs are valid", (_slug, spec) => {
    for (const c of predictionConfigs(spec)) {
      const p = parseSimConfig(c);
      expect(p.ok ? [] : p.errors).toEqual([]);
    }
  });

  it.each(predictions)("%s: gradable and unambiguous for its seed", async (_slug, spec) => {
    expect(await predictionAmbiguity(spec, runConfig)).toBeNull();
    const results = predictionConfigs(spec).map(runConfig);
    const { expected } = outcomeOf(spec, results);
    expect(isValidAnswer(spec, expected)).toBe(true);
    // the computed answer is graded correct, and a wrong answer is graded wrong
    const right = await gradePrediction(spec, expected, runConfig);
    expect(right.correct).toBe(true);
    const wrong = wrongAnswer(spec, expected, results);
    if (wrong !== undefined) expect((await gradePrediction(spec, wrong, runConfig)).correct).toBe(false);
  });

  it.each(predictions)("%s: grading is deterministic", async (_slug, spec) => {
    const a = outcomeOf(spec, predictionConfigs(spec).map(runConfig));
    const b = outcomeOf(spec, predictionConfigs(spec).map(runConfig));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe("the grader", () => {
  const base = { model: "mlp", depth: 8, width: 16, batch: 8, activation: "sigmoid", init: "xavier", seed: 1 };

  it("rejects answers of the wrong shape", async () => {
    const spec: PredictionSpec = { kind: "verdict", config: base };
    expect(isValidAnswer(spec, "maybe")).toBe(false);
    await expect(gradePrediction(spec, 3, runConfig)).rejects.toThrow(/invalid answer/);
    const layer: PredictionSpec = { kind: "smallestGradient", config: base, margin: 2 };
    expect(isValidAnswer(layer, 0)).toBe(false);
    expect(isValidAnswer(layer, 9)).toBe(false);
    expect(isValidAnswer(layer, 1)).toBe(true);
  });

  it("grades a log10 estimate within its tolerance", async () => {
    const spec: PredictionSpec = { kind: "log10GradRatio", config: base, tolerance: 1 };
    const { expected } = outcomeOf(spec, [runConfig(base)]);
    expect(typeof expected).toBe("number");
    expect((await gradePrediction(spec, (expected as number) + 0.9, runConfig)).correct).toBe(true);
    expect((await gradePrediction(spec, (expected as number) - 1.1, runConfig)).correct).toBe(false);
  });

  it("flags a question whose options are too close to call", async () => {
    const spec: PredictionSpec = {
      kind: "healthiest",
      margin: 1,
      options: [
        { id: "a", label: { en: "a", zh: "甲" }, config: { ...base, activation: "relu", init: "he" } },
        { id: "b", label: { en: "b", zh: "乙" }, config: { ...base, activation: "relu", init: "he", seed: 2 } },
      ],
    };
    expect(await predictionAmbiguity(spec, runConfig)).toMatch(/runner-up/);
  });

  it("works with an async runner", async () => {
    const spec: PredictionSpec = { kind: "verdict", config: base };
    const g = await gradePrediction(spec, "vanishing", async (c) => runConfig(c));
    expect(g.correct).toBe(true);
  });
});

/** An answer that must be graded wrong (undefined when every answer could be right). */
function wrongAnswer(spec: PredictionSpec, expected: unknown, results: SimResult[]): unknown {
  switch (spec.kind) {
    case "verdict":
      return expected === "healthy" ? "vanishing" : "healthy";
    case "smallestGradient":
      return expected === 1 ? 2 : 1;
    case "log10GradRatio":
      return (expected as number) + spec.tolerance + 1;
    case "lossDecreases":
      return !expected;
    case "healthiest":
      return spec.options.find((o) => o.id !== expected)?.id;
  }
  void results;
}

describe("differingKnobs", () => {
  it("compares canonical configs, so a default written out is no difference", () => {
    expect(differingKnobs({ model: "mlp", depth: 8 }, { model: "mlp", depth: 8, norm: "none", seed: 0 })).toEqual([]);
    expect(differingKnobs({ model: "mlp", init: "he" }, { model: "mlp", init: "normal", initStd: 0.1 })).toEqual([
      "init",
      "initStd",
    ]);
  });

  it("names nested knobs by their dotted path and counts a knob only one model has", () => {
    const train = { steps: 5, lr: 0.1, clip: { mode: "none" } };
    expect(
      differingKnobs(
        { model: "mlp", train },
        { model: "mlp", train: { ...train, clip: { mode: "norm", threshold: 1 } } },
      ),
    ).toEqual(["train.clip.mode"]);
    // the RNN's own knobs (spectralRadius, recurrentInit, activation) count when the other model lacks them
    expect(differingKnobs({ model: "rnn", steps: 10 }, { model: "gru", steps: 10 })).toEqual([
      "activation",
      "model",
      "recurrentInit",
      "spectralRadius",
    ]);
  });
});
