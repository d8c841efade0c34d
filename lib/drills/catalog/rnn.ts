/** The vanilla tanh RNN the RNN families draw, from its spectral radius ρ and the number of steps. */
import type { SimConfigInput } from "@/lib/sim";

/** small inputs keep the hidden state in tanh's linear range at first, so ρ decides */
export const INPUT_SCALE = 0.05;

export type RnnDraw = { rho: number; steps: number; seed: number };

/** The vanilla tanh RNN the RNN families draw: 32 units, 8 small inputs, loss on the last state. */
export const rnnConfig = (p: RnnDraw): SimConfigInput => ({
  model: "rnn",
  steps: p.steps,
  hidden: 32,
  inputs: 8,
  batch: 8,
  inputScale: INPUT_SCALE,
  spectralRadius: p.rho,
  seed: p.seed,
});
