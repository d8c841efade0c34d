import { describe, expect, it } from "vitest";
import { differingKnobs, scenarioKnob } from "@/lib/questions/scenario-knob";
import { configFromSearchParams, parseSimConfig, type SimConfig } from "@/lib/sim";

function config(input: unknown): SimConfig {
  const p = parseSimConfig(input);
  if (!p.ok) throw new Error("invalid config");
  return p.config;
}

describe("scenarioKnob", () => {
  const problem = config({ model: "mlp", depth: 20, width: 32, activation: "tanh", init: "normal", initStd: 0.05 });

  it("offers the first declared numeric knob that applies, starting at the problem's own value", () => {
    const knob = scenarioKnob(problem, ["initStd"]);
    expect(knob?.path).toBe("initStd");
    expect(knob?.value).toBe(0.05);
    expect(knob?.values).toContain(0.05);
    expect([...(knob?.values ?? [])].sort((a, b) => a - b)).toEqual(knob?.values);
  });

  it("every value it offers is a config the engine accepts, and the query is the problem plus the knob", () => {
    for (const varies of [["initStd"], ["depth"], ["width"]]) {
      const knob = scenarioKnob(problem, varies);
      expect(knob, varies.join()).not.toBeNull();
      expect(new URLSearchParams(knob?.baseQuery).has(knob?.path ?? "")).toBe(false);
      for (const v of knob?.values ?? []) {
        const q = new URLSearchParams(knob?.baseQuery);
        q.set(knob?.path ?? "", String(v));
        expect(parseSimConfig(configFromSearchParams(q)).ok, `${knob?.path}=${v}`).toBe(true);
      }
    }
  });

  it("offers nothing for a knob that is not a number here or does not apply to the model", () => {
    expect(scenarioKnob(problem, ["init", "activation"])).toBeNull();
    expect(scenarioKnob(config({ model: "mlp", depth: 10, init: "he" }), ["initStd"])).toBeNull(); // He has no std
    expect(scenarioKnob(problem, ["spectralRadius"])).toBeNull(); // an RNN knob on an MLP
  });
});

describe("differingKnobs", () => {
  it("names exactly the knobs two configs differ in, defaults filled in", () => {
    expect(differingKnobs({ model: "mlp", depth: 20 }, { model: "mlp", depth: 20, init: "he" })).toEqual(["init"]);
    expect(differingKnobs({ model: "mlp" }, { model: "mlp" })).toEqual([]);
  });
});
