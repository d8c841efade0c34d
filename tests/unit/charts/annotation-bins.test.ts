import { describe, expect, it } from "vitest";
import { annotationMessage, gradientAnnotation, readableRatio } from "@/lib/charts/annotation";
import { sharedHistograms } from "@/lib/charts/histogram-bins";
import { axisTicks, logBands } from "@/lib/charts/log-scale";
import { parseSimConfig, simulate } from "@/lib/sim";

function run(config: unknown) {
  const p = parseSimConfig(config);
  if (!p.ok) throw new Error("invalid config");
  return simulate(p.config, { timing: false });
}

describe("readableRatio", () => {
  it("writes ratios near 1 as numbers and far ones as powers of ten", () => {
    expect(readableRatio(0.4712)).toBe("0.47");
    expect(readableRatio(3.21)).toBe("3.2");
    expect(readableRatio(56.4)).toBe("56");
    expect(readableRatio(1.2e-8)).toBe("10⁻⁸");
    expect(readableRatio(3e12)).toBe("10¹²");
  });
});

describe("gradientAnnotation, from the engine's own run", () => {
  it("says how much of the last layer's gradient the first receives (sigmoid, 20 layers: vanishing)", () => {
    const result = run({ model: "mlp", depth: 20, width: 32, activation: "sigmoid", init: "xavier", seed: 1 });
    const a = gradientAnnotation(result);
    expect(a).not.toBeNull();
    expect(a?.axis).toBe("layer");
    expect(a?.last).toBe(result.model === "mlp" ? result.layers.length : -1);
    expect(a?.kind).toBe("ratio");
    // the printed exponent is the run's own log10 ratio, rounded
    const exponent = Math.round(Math.log10(result.summary.gradRatio));
    expect(exponent).toBeLessThan(-2);
    expect(a?.ratio).toBe(readableRatio(result.summary.gradRatio));
    expect(annotationMessage(a!)).toEqual({
      key: "annotation_ratio_layer",
      values: { ratio: a?.ratio, last: a?.last },
    });
  });

  it("reads a Transformer's profile along its blocks, and a recurrent one along its steps", () => {
    const blocks = run({ model: "transformer", depth: 6, dModel: 16, heads: 2, seqLen: 4, batch: 2, seed: 1 });
    const b = gradientAnnotation(blocks);
    expect(b?.axis).toBe("block");
    expect(b?.last).toBe(6);
    expect(annotationMessage(b!).key).toBe(`annotation_${b?.kind}_block`);
    const steps = run({ model: "rnn", steps: 12, hidden: 16, seed: 1 });
    expect(gradientAnnotation(steps)).toMatchObject({ axis: "step", last: 12 });
  });
});

describe("sharedHistograms", () => {
  it("puts runs of very different spread on one axis: the collapsed run is one spike", () => {
    const wide = { min: -1.6, max: 1.6, counts: [1, 2, 4, 2, 1], nonFinite: 0 };
    const tiny = { min: -1e-8, max: 1e-8, counts: [3, 4, 3], nonFinite: 0 };
    const s = sharedHistograms([wide, tiny], 9); // odd: 0 is a bin centre, not an edge
    expect(s.range).toEqual({ min: -1.6, max: 1.6 });
    expect(s.counts.map((c) => c.reduce((x, y) => x + y, 0))).toEqual([10, 10]); // totals kept
    expect(s.counts[1]?.filter((c) => c > 0)).toEqual([10]); // one bin holds all of it
    expect(s.maxCount).toBe(10);
  });

  it("gives runs whose values are all equal a window, and empty runs zero bins", () => {
    const s = sharedHistograms(
      [
        { min: 2, max: 2, counts: [5], nonFinite: 0 },
        { min: null, max: null, counts: [], nonFinite: 3 },
      ],
      4,
    );
    expect(s.range).toEqual({ min: 1.5, max: 2.5 });
    expect(s.counts[0]?.reduce((x, y) => x + y, 0)).toBe(5);
    expect(s.counts[1]).toEqual([0, 0, 0, 0]);
    expect(sharedHistograms([{ min: null, max: null, counts: [], nonFinite: 1 }], 3).range).toBeNull();
  });
});

describe("axisTicks", () => {
  it("spaces decade labels at least the gap apart and keeps the bands' own ticks", () => {
    const bands = logBands([1e-30, 0, 1e10, Number.POSITIVE_INFINITY]);
    const height = 200;
    const ticks = axisTicks(bands, height, { underflow: true, nonFinite: true });
    expect(ticks).toContain(bands.floor);
    expect(ticks).toContain(bands.ceil);
    const [d0, d1] = bands.domain.map(Math.log10) as [number, number];
    const px = ticks.map((v) => ((Math.log10(v) - d0) / (d1 - d0)) * height);
    for (let i = 1; i < px.length; i++) expect(px[i]! - px[i - 1]!).toBeGreaterThanOrEqual(22 - 1e-9);
  });
});
