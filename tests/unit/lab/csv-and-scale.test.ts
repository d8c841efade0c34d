import { describe, expect, it } from "vitest";
import { logBands, logTicks, plotValue, sci } from "@/lib/charts/log-scale";
import { histogramData, profileData, trainingData } from "@/lib/charts/series";
import { CSV_COLUMNS, resultsToCsv } from "@/lib/lab/csv";
import { parseSimConfig, type SimResult, simulate } from "@/lib/sim";

function run(input: unknown): SimResult {
  const parsed = parseSimConfig(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  // the app reads results as JSON (NaN/Infinity → null), so the helpers are tested on that form
  return JSON.parse(JSON.stringify(simulate(parsed.config, { timing: false }))) as SimResult;
}

describe("log-scale bands", () => {
  it("plots zeros on an underflow band a decade below the smallest positive value, non-finite above the largest", () => {
    const bands = logBands([3e-7, 0, 2e3, null]);
    expect(bands.floor).toBeCloseTo(1e-8, 20);
    expect(bands.ceil).toBeCloseTo(1e5, 6);
    expect(plotValue(0, bands)).toEqual({ y: bands.floor, kind: "underflow" });
    expect(plotValue(null, bands)).toEqual({ y: bands.ceil, kind: "nonfinite" });
    expect(plotValue(Number.POSITIVE_INFINITY, bands).kind).toBe("nonfinite");
    expect(plotValue(5e-3, bands)).toEqual({ y: 5e-3, kind: "ok" });
    expect(bands.domain[0]).toBeLessThan(bands.floor);
    expect(bands.domain[1]).toBeGreaterThan(bands.ceil);
  });

  it("still has a usable axis when every value is zero or non-finite", () => {
    const bands = logBands([0, null]);
    expect(bands.floor).toBeLessThan(bands.ceil);
    expect(bands.ticks.length).toBeGreaterThan(0);
  });

  it("puts at most about eight power-of-ten ticks inside the domain", () => {
    const ticks = logTicks([1e-40, 1e10]);
    expect(ticks.length).toBeLessThanOrEqual(9);
    for (const t of ticks) expect(Number.isInteger(Math.round(Math.log10(t)))).toBe(true);
    expect(ticks[0]).toBeGreaterThanOrEqual(1e-40);
  });

  it("writes numbers in scientific notation and says non-finite", () => {
    expect(sci(1.75e-8)).toBe("1.75e-8");
    expect(sci(null)).toBe("non-finite");
    expect(sci(0)).toBe("0");
  });
});

describe("chart series from results", () => {
  const mlp = run({ model: "mlp", depth: 6, width: 8, batch: 4, activation: "sigmoid", seed: 1 });
  const lstm = run({ model: "lstm", steps: 5, hidden: 4, inputs: 2, batch: 2, seed: 1, train: { steps: 3 } });
  const runs = [
    { id: "p", label: "problem", role: "problem" as const, result: mlp },
    { id: "f", label: "fix", role: "fix" as const, result: lstm },
  ];

  it("groups MLP layers and recurrent time steps in separate profiles, keeping each run's colour index", () => {
    const [layers, steps] = profileData(runs);
    expect(layers?.axis).toBe("layer");
    // rounded to 4 significant digits for the page (the downloads keep full precision)
    expect(layers?.runs[0]?.values.backward).toEqual(
      mlp.model === "mlp" ? mlp.layers.map((l) => Number(l.activationGradNorm.toPrecision(4))) : [],
    );
    expect(steps?.axis).toBe("step");
    expect(steps?.metrics).toContain("cell");
    expect(steps?.runs[0]?.index).toBe(1);
  });

  it("draws sequence positions only beside a Transformer whose loss is on the last position: its input gradient per position with the recurrent runs' ‖∂L/∂h_t‖, after the other profiles", () => {
    const rnn = run({ model: "rnn", steps: 6, hidden: 4, inputs: 3, batch: 2 });
    const tf = (loss: string) =>
      run({ model: "transformer", depth: 2, dModel: 8, heads: 2, seqLen: 6, batch: 2, loss });
    const last = tf("last");
    const mixed = profileData([
      { id: "r", label: "RNN", role: "problem", result: rnn },
      { id: "t", label: "Transformer", role: "fix", result: last },
    ]);
    expect(mixed.map((p) => p.axis)).toEqual(["step", "block", "position"]);
    const positions = mixed[2]!;
    expect(positions.metrics).toEqual(["backward"]);
    expect(positions.runs.map((r) => [r.id, r.index])).toEqual([
      ["r", 0],
      ["t", 1],
    ]);
    if (rnn.model === "mlp" || rnn.model === "transformer" || last.model !== "transformer") throw new Error("models");
    expect(positions.runs[0]?.values.backward).toEqual(
      rnn.timesteps.map((t) => Number(t.hiddenGradNorm.toPrecision(4))),
    );
    expect(positions.runs[1]?.values.backward).toEqual(
      last.positions.map((p) => Number(p.inputGradNorm.toPrecision(4))),
    );
    // loss on every token: no position chart
    const all = profileData([{ id: "t", label: "Transformer", role: "config", result: tf("all") }]);
    expect(all.map((p) => p.axis)).toEqual(["block"]);
  });

  it("keeps zeros as zeros and non-finite values as null", () => {
    const zero = {
      ...mlp,
      layers: mlp.model === "mlp" ? mlp.layers.map((l) => ({ ...l, activationGradNorm: 0 })) : [],
    };
    const [layers] = profileData([{ id: "z", label: "z", role: "config", result: zero as SimResult }]);
    expect(layers?.runs[0]?.values.backward?.every((v) => v === 0)).toBe(true);
    const inf = { ...zero, layers: zero.layers.map((l) => ({ ...l, weightGradNorm: Number.POSITIVE_INFINITY })) };
    const [layers2] = profileData([{ id: "i", label: "i", role: "config", result: inf as SimResult }]);
    expect(layers2?.runs[0]?.values.weight?.every((v) => v === null)).toBe(true);
  });

  it("offers the optimizer's last step per layer only when an MLP run trained, and only for runs that trained", () => {
    expect(profileData(runs)[0]?.metrics).toEqual(["backward", "weight"]);
    const trained = run({
      model: "mlp",
      depth: 6,
      width: 8,
      batch: 4,
      activation: "sigmoid",
      seed: 1,
      train: { steps: 2, optimizer: "adam", lr: 0.01 },
    });
    const [layers] = profileData([...runs, { id: "t", label: "trained", role: "fix", result: trained }]);
    expect(layers?.metrics).toEqual(["backward", "weight", "step"]);
    expect(layers?.runs.find((r) => r.id === "p")?.values.step).toBeUndefined();
    expect(layers?.runs.find((r) => r.id === "t")?.values.step).toEqual(
      trained.model === "mlp" ? trained.layers.map((l) => Number(l.stepNorm.toPrecision(4))) : [],
    );
  });

  it("has training curves only for runs that train, and histograms only for MLPs", () => {
    expect(trainingData(runs)?.runs.map((r) => [r.id, r.loss.length])).toEqual([["f", 3]]);
    expect(histogramData(runs)?.runs.map((r) => [r.id, r.layers.length])).toEqual([["p", 6]]);
  });
});

describe("results as CSV", () => {
  it("has one row per layer, time step and training step, in the stated columns", () => {
    const mlp = run({ model: "mlp", depth: 4, width: 8, batch: 4, seed: 2 });
    const rnn = run({ model: "rnn", steps: 3, hidden: 4, inputs: 2, batch: 2, seed: 2, train: { steps: 2 } });
    const lines = resultsToCsv([
      { id: "a", result: mlp },
      { id: "b", result: rnn },
    ])
      .trimEnd()
      .split("\n");
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(1 + 4 + 3 + 2);
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows.map((r) => `${r[0]}:${r[2]}:${r[3]}`)).toEqual([
      "a:layer:1",
      "a:layer:2",
      "a:layer:3",
      "a:layer:4",
      "b:timestep:1",
      "b:timestep:2",
      "b:timestep:3",
      "b:train_step:1",
      "b:train_step:2",
    ]);
    if (mlp.model !== "mlp") throw new Error("mlp expected");
    expect(Number(rows[0]?.[4])).toBe(mlp.layers[0]?.activationGradNorm);
    expect(Number(rows[3]?.[5])).toBe(mlp.layers[3]?.weightGradNorm);
    expect(Number(rows[2]?.[CSV_COLUMNS.indexOf("step_norm")])).toBe(mlp.layers[2]?.stepNorm);
    expect(Number(rows[7]?.[11])).toBe(rnn.history[0]?.loss);
  });

  it("writes non-finite values (null in JSON) as 'nonfinite', never as an empty cell", () => {
    const exploding = run({
      model: "mlp",
      depth: 3,
      width: 4,
      batch: 2,
      activation: "linear",
      init: "normal",
      initStd: 100,
      seed: 1,
      train: { steps: 40, lr: 100 },
    });
    const csv = resultsToCsv([{ id: "a", result: exploding }]);
    expect(exploding.summary.nonFinite).toBe(true);
    expect(csv).toContain("nonfinite");
  });
});

describe("log bands at the edge of float64", () => {
  it("stay finite with a value near Number.MAX_VALUE (a blown-up training loss), and so do their ticks", () => {
    const bands = logBands([1e-3, 1.7e308]);
    for (const v of [bands.floor, bands.ceil, ...bands.domain]) expect(Number.isFinite(v)).toBe(true);
    expect(bands.ceil).toBeGreaterThan(1e300);
    expect(bands.ticks.length).toBeGreaterThan(0);
    expect(bands.ticks.length).toBeLessThanOrEqual(10);
    expect(bands.ticks.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(logBands([5e-324, 1]).floor)).toBe(true);
    expect(logTicks([1, Infinity])).toEqual([]);
  });
});

describe("the Transformer in charts and CSV", () => {
  const tr = run({
    model: "transformer",
    depth: 3,
    dModel: 8,
    heads: 2,
    seqLen: 4,
    batch: 2,
    seed: 1,
    train: { steps: 2 },
  });
  if (tr.model !== "transformer") throw new Error("transformer expected");

  it("draws blocks on their own axis, with the FFN, query/key and attention-entropy series", () => {
    const mlp = run({ model: "mlp", depth: 2, width: 4, batch: 2 });
    const profiles = profileData([
      { id: "m", label: "mlp", role: "config", result: mlp },
      { id: "t", label: "transformer", role: "config", result: tr },
    ]);
    expect(profiles.map((p) => p.axis)).toEqual(["layer", "block"]);
    const block = profiles[1];
    expect(block?.metrics).toEqual(["backward", "weight", "ffn", "qk", "entropy"]);
    expect(block?.runs[0]?.index).toBe(1);
    expect(block?.runs[0]?.values.entropy).toEqual(tr.layers.map((l) => Number(l.attentionEntropy.toPrecision(4))));
    expect(block?.runs[0]?.values.ffn).toEqual(tr.layers.map((l) => Number(l.weightGradNorms.w2.toPrecision(4))));
    expect(histogramData([{ id: "t", label: "t", role: "config", result: tr }])?.runs[0]?.layers).toHaveLength(3);
  });

  it("writes one row per block with the attention statistics, and lr and weight norm per training step", () => {
    const rows = resultsToCsv([{ id: "a", result: tr }])
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const kept = rows.filter((r) => r[col("row")] !== "position");
    expect(kept.map((r) => `${r[col("row")]}:${r[col("index")]}`)).toEqual([
      "block:1",
      "block:2",
      "block:3",
      "train_step:1",
      "train_step:2",
    ]);
    expect(Number(kept[1]?.[col("attention_entropy")])).toBe(tr.layers[1]?.attentionEntropy);
    expect(Number(kept[1]?.[col("attention_max_prob")])).toBe(tr.layers[1]?.attentionMaxProb);
    expect(Number(kept[4]?.[col("lr")])).toBe(tr.history[1]?.lr);
    expect(Number(kept[4]?.[col("weight_norm")])).toBe(tr.history[1]?.weightNorm);
  });

  it("writes one position row per stream (0 = the input, then each block) and position, read back into the result's per-position norms", () => {
    const lastLoss = run({
      model: "transformer",
      depth: 3,
      dModel: 8,
      heads: 2,
      seqLen: 5,
      batch: 2,
      loss: "last",
      seed: 2,
    });
    if (lastLoss.model !== "transformer") throw new Error("transformer expected");
    const csv = resultsToCsv([
      { id: "a", result: tr },
      { id: "b", result: lastLoss },
    ]);
    const [header, ...lines] = csv.trim().split("\n");
    const names = header!.split(",");
    const records = lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i], v])));
    for (const [id, r] of [
      ["a", tr],
      ["b", lastLoss],
    ] as const) {
      const mine = records.filter((x) => x.config === id);
      const positions = mine.filter((x) => x.row === "position");
      const T = r.positions.length;
      expect(positions).toHaveLength((r.layers.length + 1) * T);
      // after the block rows, before the training steps; ordered by stream, then position
      expect(mine.map((x) => x.row)).toEqual([
        ...r.layers.map(() => "block"),
        ...positions.map(() => "position"),
        ...r.history.map(() => "train_step"),
      ]);
      expect(positions.map((x) => `${x.index}:${x.position}`)).toEqual(
        Array.from({ length: r.layers.length + 1 }, (_, l) =>
          Array.from({ length: T }, (_, t) => `${l}:${t + 1}`),
        ).flat(),
      );
      // read back: a grid of streams × positions equal to the result's, value for value
      const grid = Array.from({ length: r.layers.length + 1 }, () => new Array<number>(T).fill(Number.NaN));
      for (const x of positions) grid[Number(x.index)]![Number(x.position) - 1] = Number(x.backward_grad_norm);
      expect(grid).toEqual([r.positions.map((p) => p.inputGradNorm), ...r.layers.map((l) => l.positionGradNorms)]);
      // over the positions, each block's row adds up (root sum of squares) to the block row's norm
      for (const b of mine.filter((x) => x.row === "block")) {
        const rss = Math.hypot(...grid[Number(b.index)]!);
        expect(Math.abs(rss - Number(b.backward_grad_norm))).toBeLessThan(1e-12 * Number(b.backward_grad_norm));
      }
      // the block rows leave the position column empty
      expect(mine.filter((x) => x.row !== "position").every((x) => x.position === "")).toBe(true);
    }
    // loss on the last position: every earlier position of the output stream gets no gradient directly
    const out = records.filter((x) => x.config === "b" && x.row === "position" && x.index === "3");
    expect(out.slice(0, -1).every((x) => Number(x.backward_grad_norm) === 0)).toBe(true);
    expect(Number(out.at(-1)?.backward_grad_norm)).toBeGreaterThan(0);
  });
});
