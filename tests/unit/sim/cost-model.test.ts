/**
 * The cost model (lib/sim/cost.ts) against measured time, across the config space (issue 15):
 * every family's estimate must be within 2× of its measured time, in the unit this run measures.
 * The unit (ms per estimated GFLOP) is not fixed — the machine is shared and its speed wanders —
 * but taken from the runs themselves: the geometric mean of all configs' ms per estimated GFLOP.
 * So the test asserts the model's shape (what each knob costs relative to the others), which is
 * what FLOP_BUDGET relies on, not a speed. Each config is timed as the best of 3 runs after a
 * warm-up (the best run is the one least disturbed by other processes) and is sized to take
 * tens of milliseconds, so timer resolution and JIT warm-up do not dominate.
 *
 * Recurrent nets at batch 1 trained for many steps, where the per-parameter loops are the run,
 * were estimated 2–3.3× below their time (gru h128 b1 sgd: 664 steps at 100 % of the budget);
 * re-fitted 2026-12-02 (cost.ts RECURRENT_UPDATE_PER_PARAM) and kept here by the gru h128 b1 row.
 */
import { describe, expect, it } from "vitest";
import { estimateFlops, FLOP_BUDGET, SimConfigSchema, simulate } from "@/lib/sim";

const CONFIGS: Record<string, Record<string, unknown>> = {
  "mlp 50×256×64 tanh xavier (the reference net)": {
    model: "mlp",
    depth: 50,
    width: 256,
    batch: 64,
    activation: "tanh",
    init: "xavier",
  },
  "mlp 20×64×64 tanh (the small net)": { model: "mlp", depth: 20, width: 64, batch: 64, activation: "tanh" },
  "mlp 40×256×8 orthogonal": { model: "mlp", depth: 40, width: 256, batch: 8, init: "orthogonal" },
  "mlp 10×256×64 lsuv relu": { model: "mlp", depth: 10, width: 256, batch: 64, init: "lsuv", activation: "relu" },
  "mlp 8×512×256 relu": { model: "mlp", depth: 8, width: 512, batch: 256, activation: "relu" },
  "mlp 40×32×128 gelu fp16, batch norm": {
    model: "mlp",
    depth: 40,
    width: 32,
    batch: 128,
    activation: "gelu",
    precision: "fp16",
    norm: "batch",
  },
  "mlp 10×64×32 trained 100 adam steps": {
    model: "mlp",
    depth: 10,
    width: 64,
    batch: 32,
    train: { steps: 100, optimizer: "adam" },
  },
  "rnn h128 i64 b32 T100": { model: "rnn", hidden: 128, inputs: 64, batch: 32, steps: 100 },
  "lstm h64 i32 b16 T100": { model: "lstm", hidden: 64, inputs: 32, batch: 16, steps: 100 },
  "gru h32 b8 T50 trained 50 sgd steps": {
    model: "gru",
    hidden: 32,
    inputs: 8,
    batch: 8,
    steps: 50,
    train: { steps: 50, optimizer: "sgd" },
  },
  "gru h128 i1 b1 T1 trained 60 sgd steps (the optimizer's loops are the run)": {
    model: "gru",
    hidden: 128,
    inputs: 1,
    batch: 1,
    steps: 1,
    train: { steps: 60, optimizer: "sgd" },
  },
  "transformer d64 T32 b4 depth 4": { model: "transformer", depth: 4, dModel: 64, heads: 4, seqLen: 32, batch: 4 },
};

function bestOf(runs: number, fn: () => void): number {
  fn(); // warm-up: JIT and the kernel's memory
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

describe("the cost model against measured time", () => {
  it("estimates every family within 2× of its measured time (in this run's ms per estimated GFLOP)", () => {
    const rows = Object.entries(CONFIGS).map(([label, raw]) => {
      const c = SimConfigSchema.parse(raw);
      const gflop = estimateFlops(c) / 1e9;
      const ms = bestOf(3, () => simulate(c, { timing: false }));
      return { label, gflop, ms, perGflop: ms / gflop };
    });
    const unit = Math.exp(rows.reduce((s, r) => s + Math.log(r.perGflop), 0) / rows.length);
    const table = rows
      .map((r) => `${r.label}: ${r.gflop.toFixed(3)} G est., ${r.ms.toFixed(1)} ms, ${(r.perGflop / unit).toFixed(2)}×`)
      .join("\n");
    console.log(
      `unit ${unit.toFixed(0)} ms per estimated GFLOP (budget ≈ ${((unit * FLOP_BUDGET) / 1e9).toFixed(0)} ms)\n${table}`,
    );
    for (const r of rows) {
      expect.soft(r.perGflop / unit, `${r.label}\n${table}`).toBeGreaterThanOrEqual(0.5);
      expect.soft(r.perGflop / unit, `${r.label}\n${table}`).toBeLessThanOrEqual(2);
    }
  }, 120_000); // twelve configs, four runs each: 10–20 s on a loaded machine
});
