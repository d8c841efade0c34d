/**
 * Theory tests for the Transformer at initialisation: what Xiong et al. (2020), Dong et al. (2021)
 * and the 1/√d_k argument of Vaswani et al. (2017) predict, against the engine over seeds. Each
 * test states the numbers measured (fixed seeds, reproducible exactly) and asserts them with a
 * tolerance that still separates the phenomena. Shapes: dModel 32, 4 heads, seqLen 8, batch 4,
 * Xavier, ReLU FFN, causal (cheap enough for depth 48), and the issue's dModel 64 / 4 heads /
 * seqLen 16 for the attention-scale figures.
 */
import { describe, expect, it } from "vitest";
import { SimConfigSchema, simulate, type TransformerResult } from "../../../lib/sim/index";

const SHAPE = { model: "transformer", dModel: 32, heads: 4, seqLen: 8, batch: 4 };
const run = (x: Record<string, unknown>) =>
  simulate(SimConfigSchema.parse({ ...SHAPE, ...x }), { timing: false }) as TransformerResult;
const SEEDS = [0, 1, 2, 3, 4];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const geoMean = (xs: number[]) => Math.exp(mean(xs.map(Math.log)));
const last = (r: TransformerResult) => r.layers[r.layers.length - 1]!;
const lastW2 = (r: TransformerResult) => last(r).weightGradNorms.w2;
const qk = (r: TransformerResult, block: number) =>
  Math.hypot(r.layers[block - 1]!.weightGradNorms.wq, r.layers[block - 1]!.weightGradNorms.wk);
/** Mean over rows t = 1 … T of ln t: the entropy of uniform causal attention. */
const uniformEntropy = (T: number) => mean(Array.from({ length: T }, (_, t) => Math.log(t + 1)));

describe("Post-LN vs Pre-LN at initialisation (Xiong et al. 2020, Theorem 1)", () => {
  const depths = [3, 6, 12, 24, 48];
  const w2 = (norm: string) =>
    depths.map((depth) =>
      mean((depth === 48 ? SEEDS.slice(0, 3) : SEEDS).map((seed) => lastW2(run({ depth, norm, seed })))),
    );
  const post = w2("post");
  const pre = w2("pre");

  it("the last block's ‖∂L/∂W₂‖ of Post-LN does not depend on depth (measured 4.72, 4.26, 4.65, 4.38, 4.51 at depth 3–48)", () => {
    for (const v of post) {
      expect(v / post[0]!).toBeGreaterThan(0.8);
      expect(v / post[0]!).toBeLessThan(1.2);
    }
  });

  it("Pre-LN's shrinks like 1/√L (‖∂L/∂W₂‖·√L measured 5.15, 5.21, 5.31, 5.28, 5.05)", () => {
    const scaled = pre.map((v, i) => v * Math.sqrt(depths[i]!));
    for (const v of scaled) {
      expect(v / scaled[0]!).toBeGreaterThan(0.9);
      expect(v / scaled[0]!).toBeLessThan(1.1);
    }
  });

  it("so Post-LN's exceeds Pre-LN's and the gap grows like √L (measured 1.6, 2.0, 3.0, 4.1, 6.2; √(48/3) = 4, measured 3.9)", () => {
    const gap = post.map((v, i) => v / pre[i]!);
    for (let i = 1; i < gap.length; i++) expect(gap[i]!).toBeGreaterThan(gap[i - 1]!);
    expect(gap[0]!).toBeGreaterThan(1);
    const growth = gap[gap.length - 1]! / gap[0]!;
    expect(growth).toBeGreaterThan(4 / 1.25);
    expect(growth).toBeLessThan(4 * 1.25);
  });

  it("Pre-LN: the residual stream's variance grows like L (std(x_L) measured 1.9, 2.5, 3.6, 5.2, 7.5: std²/L ≈ 1.2)", () => {
    for (const depth of [6, 24]) {
      const s2 = mean(SEEDS.map((seed) => last(run({ depth, norm: "pre", seed })).activationStd ** 2));
      expect(s2 / depth).toBeGreaterThan(0.8);
      expect(s2 / depth).toBeLessThan(1.6);
    }
  });

  it("Pre-LN's per-block gradients fall with the block index by about std(x_L)/std(x_1) (gradRatio / std ratio: geometric mean 1.0–1.1 over 5 seeds, single seeds 0.84–2.1)", () => {
    for (const depth of [6, 12, 24]) {
      const ratios = SEEDS.map((seed) => {
        const r = run({ depth, norm: "pre", seed });
        return r.summary.gradRatio / (last(r).activationStd / r.layers[0]!.activationStd);
      });
      expect(geoMean(ratios)).toBeGreaterThan(0.8);
      expect(geoMean(ratios)).toBeLessThan(1.3);
      for (const v of ratios) {
        expect(v).toBeGreaterThan(0.5);
        expect(v).toBeLessThan(2.5);
      }
      // and the fall is real: block 1's backward signal is larger than block L's
      expect(run({ depth, norm: "pre", seed: 0 }).summary.gradRatio).toBeGreaterThan(1.5);
    }
  });

  it("Post-LN's backward signal stays within a factor 3 of flat at initialisation (log10 gradRatio −0.5 … 0.4 for depth 3–48)", () => {
    for (const depth of [3, 12, 48])
      for (const seed of [0, 1, 2]) {
        const r = run({ depth, norm: "post", seed });
        expect(Math.abs(r.summary.log10GradRatio)).toBeLessThan(0.5);
        expect(r.summary.verdict).toBe("healthy");
      }
  });
});

describe("without LayerNorm", () => {
  it("the backward signal explodes with depth (log10 gradRatio measured 0.9, 1.9–3.1, 3.7–4.8, 5.6–6.7, 10.5–11.2 at depth 3–48)", () => {
    const at = (depth: number) =>
      mean([0, 1, 2].map((seed) => run({ depth, norm: "none", seed }).summary.log10GradRatio));
    const profile = [3, 6, 12, 24, 48].map(at);
    for (let i = 1; i < profile.length; i++) expect(profile[i]!).toBeGreaterThan(profile[i - 1]!);
    expect(profile[2]!).toBeGreaterThan(3); // depth 12: beyond the 10² threshold by an order of magnitude
    expect(profile[4]!).toBeGreaterThan(9);
    expect(run({ depth: 12, norm: "none", seed: 0 }).summary.verdict).toBe("exploding");
    // Pre-LN at the same depth is healthy
    expect(run({ depth: 12, norm: "pre", seed: 0 }).summary.verdict).toBe("healthy");
  });
});

describe("attention scaling (the 1/√d_k of Vaswani et al. 2017)", () => {
  const issueShape = { dModel: 64, heads: 4, seqLen: 16, batch: 4, norm: "pre" };

  it("at dModel 64, 4 heads (d_h 16), seqLen 16: mean row entropy 1.62 nats with 1/√d_h, 0.64–0.66 without (uniform would be 1.92); max probability 0.41 vs 0.76", () => {
    for (const seed of [0, 1, 2]) {
      const scaled = run({ ...issueShape, depth: 1, seed }).layers[0]!;
      const raw = run({ ...issueShape, depth: 1, seed, attentionScale: "none" }).layers[0]!;
      expect(scaled.attentionEntropy).toBeGreaterThan(1.55);
      expect(scaled.attentionEntropy).toBeLessThan(1.7);
      expect(raw.attentionEntropy).toBeGreaterThan(0.55);
      expect(raw.attentionEntropy).toBeLessThan(0.75);
      expect(scaled.attentionEntropy).toBeLessThan(uniformEntropy(16));
      expect(raw.attentionMaxProb).toBeGreaterThan(0.7);
      expect(scaled.attentionMaxProb).toBeLessThan(0.45);
    }
  });

  it("dropping the scale multiplies the query and key gradients several times (block 1: measured 2.8–3.1× at depth 1, 5.7–7.4× at depth 6)", () => {
    for (const [depth, lo] of [
      [1, 2.5],
      [6, 4],
    ] as const)
      for (const seed of [0, 1, 2]) {
        const scaled = run({ ...issueShape, depth, seed });
        const raw = run({ ...issueShape, depth, seed, attentionScale: "none" });
        expect(qk(raw, 1) / qk(scaled, 1)).toBeGreaterThan(lo);
      }
  });
});

describe("rank collapse in a deep Post-LN stack (Dong et al. 2021)", () => {
  it("the last blocks' attention becomes uniform over the visible positions: entropy → mean ln t = 1.326 and max → 0.340 at T = 8 (measured 1.168, 1.279, 1.320, 1.326, 1.326 at depth 3–48)", () => {
    const at = (depth: number) => SEEDS.slice(0, 3).map((seed) => last(run({ depth, norm: "post", seed })));
    const shallow = at(3);
    const deep = at(48);
    const u = uniformEntropy(8);
    const uniformMax = mean(Array.from({ length: 8 }, (_, t) => 1 / (t + 1)));
    for (const b of deep) {
      expect(u - b.attentionEntropy).toBeLessThan(1e-3);
      expect(b.attentionMaxProb - uniformMax).toBeLessThan(1e-3);
    }
    for (const b of shallow) expect(u - b.attentionEntropy).toBeGreaterThan(0.1);
  });

  it("and their query/key gradients fall by orders of magnitude (block L / block 1: 0.7 at depth 3, 0.1 at 12, 3e-5–6e-4 at 48; Pre-LN at 48: 5e-2)", () => {
    for (const seed of [0, 1, 2]) {
      const post48 = run({ depth: 48, norm: "post", seed });
      expect(qk(post48, 48) / qk(post48, 1)).toBeLessThan(1e-3);
      const pre48 = run({ depth: 48, norm: "pre", seed });
      expect(qk(pre48, 48) / qk(pre48, 1)).toBeGreaterThan(1e-2);
      const post3 = run({ depth: 3, norm: "post", seed });
      expect(qk(post3, 3) / qk(post3, 1)).toBeGreaterThan(0.3);
    }
  });
});

describe("path length across positions (Vaswani et al. 2017, Table 1: O(1) for self-attention, O(n) recurrent)", () => {
  // The loss on the last position only (loss "last", as the RNN's): every earlier position of the
  // input is reached through attention alone, one hop per block. Shape: 2 blocks, dModel 32,
  // 4 heads, batch 2; every placement; seeds 1–3; seqLen T = 8, 16, 32, 64.
  const lengths = [8, 16, 32, 64];
  const grid = lengths.flatMap((T) =>
    ["pre", "post", "none"].flatMap((norm) =>
      [1, 2, 3].map((seed) => {
        const r = simulate(
          SimConfigSchema.parse({
            model: "transformer",
            depth: 2,
            dModel: 32,
            heads: 4,
            batch: 2,
            seqLen: T,
            loss: "last",
            norm,
            seed,
          }),
          { timing: false },
        ) as TransformerResult;
        return { T, g: r.positions.map((p) => p.inputGradNorm) };
      }),
    ),
  );

  it("distance does not shrink it: input position 1 (distance T − 1) gets at least 0.4× what position T − 1 (distance 1) gets (measured 0.54–9.5)", () => {
    for (const { T, g } of grid) expect(g[0]! / g[T - 2]!, `T ${T}`).toBeGreaterThan(0.4);
  });

  it("what it loses is the 1/T share of attention: the earlier positions' mean gradient × T / the last position's stays in [1.5, 4] (measured 1.60–3.79)", () => {
    for (const { T, g } of grid) {
      const early = mean(g.slice(0, T - 1));
      expect((early * T) / g[T - 1]!, `T ${T}`).toBeGreaterThan(1.5);
      expect((early * T) / g[T - 1]!, `T ${T}`).toBeLessThan(4);
    }
  });

  it("so from T = 8 to 64 the Transformer's first/last stays above 10^−2 (measured 10^−0.13 … 10^−1.44), while the same-length tanh RNN's falls geometrically, ≈ 0.2 decades per step (10^−1.6, −3.6, −7.7, −15.3)", () => {
    for (const { T, g } of grid) expect(Math.log10(g[0]! / g[T - 1]!), `T ${T}`).toBeGreaterThan(-2);
    const rnn = lengths.map(
      (steps) =>
        simulate(SimConfigSchema.parse({ model: "rnn", steps, hidden: 32, inputs: 8, batch: 2, seed: 1 }), {
          timing: false,
        }).summary.log10GradRatio,
    );
    expect(rnn[3]!).toBeLessThan(-10);
    const perStep = (rnn[3]! - rnn[0]!) / (64 - 8);
    expect(perStep).toBeLessThan(-0.15);
    expect(perStep).toBeGreaterThan(-0.3);
  });
});
