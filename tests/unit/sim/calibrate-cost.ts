/**
 * Not a test: times the largest allowed run of each expensive family, to check FLOP_BUDGET and the
 * cost model's weights (lib/sim/cost.ts) against this machine. Run: npx tsx tests/unit/sim/calibrate-cost.ts
 * Each family fixes all sizes but one knob, raised to the largest value the budget admits.
 * An optional argument keeps only the families whose label contains it.
 */
import { estimateFlops, FLOP_BUDGET, SimConfigSchema, simulate } from "../../../lib/sim/index";

type Family = [label: string, make: (k: number) => Record<string, unknown>, maxK: number];

const families: Family[] = [
  [
    "mlp 50×256×64 tanh, train.steps k",
    (k) => ({ model: "mlp", depth: 50, width: 256, batch: 64, activation: "tanh", train: { steps: k } }),
    2000,
  ],
  ["mlp 512×256 relu, depth k", (k) => ({ model: "mlp", depth: k, width: 512, batch: 256, activation: "relu" }), 200],
  [
    "mlp gelu fp16 200×8×256, train.steps k",
    (k) => ({
      model: "mlp",
      depth: 200,
      width: 8,
      batch: 256,
      activation: "gelu",
      precision: "fp16",
      train: { steps: k },
    }),
    2000,
  ],
  [
    "mlp 200×1×1 tanh, train.steps k",
    (k) => ({ model: "mlp", depth: 200, width: 1, batch: 1, activation: "tanh", train: { steps: k } }),
    2000,
  ],
  [
    "mlp orthogonal width 256, depth k",
    (k) => ({ model: "mlp", depth: k, width: 256, batch: 8, init: "orthogonal", activation: "linear" }),
    200,
  ],
  ["rnn 256/256/256, steps k", (k) => ({ model: "rnn", steps: k, hidden: 256, inputs: 256, batch: 256 }), 500],
  [
    "lstm h4 b4 T500, train.steps k",
    (k) => ({ model: "lstm", steps: 500, hidden: 4, inputs: 4, batch: 4, train: { steps: k } }),
    2000,
  ],
  [
    "gru h1 fp16 T500, train.steps k",
    (k) => ({ model: "gru", steps: 500, hidden: 1, inputs: 1, batch: 1, precision: "fp16", train: { steps: k } }),
    2000,
  ],
  [
    "gru h8 b256 T500, train.steps k",
    (k) => ({ model: "gru", steps: 500, hidden: 8, inputs: 8, batch: 256, train: { steps: k } }),
    2000,
  ],
  // small-batch recurrent nets trained long: the optimizer's loops are the run (re-fitted, issue 9)
  [
    "rnn h128 i8 b1 T1 adam+value, train.steps k",
    (k) => ({
      model: "rnn",
      steps: 1,
      hidden: 128,
      inputs: 8,
      batch: 1,
      train: { steps: k, optimizer: "adam", clip: { mode: "value" } },
    }),
    2000,
  ],
  [
    "lstm h64 i8 b1 T1 adam+value, train.steps k",
    (k) => ({
      model: "lstm",
      steps: 1,
      hidden: 64,
      inputs: 8,
      batch: 1,
      train: { steps: k, optimizer: "adam", clip: { mode: "value" } },
    }),
    2000,
  ],
  [
    "gru h128 i1 b1 T1 sgd, train.steps k",
    (k) => ({ model: "gru", steps: 1, hidden: 128, inputs: 1, batch: 1, train: { steps: k, optimizer: "sgd" } }),
    2000,
  ],
  [
    "rnn h32 i1 b1 T1 momentum+norm, train.steps k",
    (k) => ({
      model: "rnn",
      steps: 1,
      hidden: 32,
      inputs: 1,
      batch: 1,
      train: { steps: k, optimizer: "momentum", clip: { mode: "norm" } },
    }),
    2000,
  ],
  [
    "mlp lsuv width 256 relu, depth k",
    (k) => ({ model: "mlp", depth: k, width: 256, batch: 64, init: "lsuv", activation: "relu" }),
    200,
  ],
  [
    "transformer d256 T128 b4, depth k",
    (k) => ({ model: "transformer", depth: k, dModel: 256, heads: 8, seqLen: 128, batch: 4 }),
    48,
  ],
  [
    "transformer d32 8 heads b64 depth 2, seqLen k",
    (k) => ({ model: "transformer", depth: 2, dModel: 32, heads: 8, seqLen: k + 1, batch: 64 }),
    127,
  ],
  [
    "transformer d64 T16 b4 depth 6 adamw, train.steps k",
    (k) => ({
      model: "transformer",
      depth: 6,
      dModel: 64,
      seqLen: 16,
      batch: 4,
      train: { steps: k, optimizer: "adamw" },
    }),
    2000,
  ],
  [
    "transformer d8 1 head T2 b1 fp16, train.steps k",
    (k) => ({
      model: "transformer",
      depth: 48,
      dModel: 8,
      heads: 1,
      seqLen: 2,
      batch: 1,
      precision: "fp16",
      train: { steps: k },
    }),
    2000,
  ],
];

const fits = (make: Family[1], k: number) => SimConfigSchema.safeParse(make(k)).success;

// optional filter: npx tsx tests/unit/sim/calibrate-cost.ts transformer
const only = process.argv[2];
for (const [label, make, maxK] of families.filter(([label]) => !only || label.includes(only))) {
  if (!fits(make, 1)) {
    console.log(`${label}: over budget even at k = 1`);
    continue;
  }
  let lo = 1;
  let hi = maxK;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(make, mid)) lo = mid;
    else hi = mid - 1;
  }
  const config = SimConfigSchema.parse(make(lo));
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 2; r++) {
    const t = performance.now();
    simulate(config, { timing: false });
    best = Math.min(best, performance.now() - t);
  }
  const share = (estimateFlops(config) / FLOP_BUDGET) * 100;
  console.log(
    `${label.padEnd(42)} k=${String(lo).padStart(4)}  ${share.toFixed(0).padStart(3)} % of budget  ${best.toFixed(0)} ms`,
  );
}
