/**
 * Starting points for a newcomer: each preset is a lab URL of one to three configs that shows one
 * lesson (its title and what to look for are in the lab's messages, preset_<id>_title/_what).
 * tests/unit/lab/presets.test.ts runs every preset and checks the lesson it claims.
 */
import type { SimConfigInput } from "@/lib/sim";
import { labHref } from "./state";

/**
 * 24 blocks, d 32, 8 tokens (the engine's theory-test shape, lib/sim/README.md): deep enough that
 * Pre-LN's top-block gradient (∝ 1/√depth, Xiong et al. 2020, Thm 1) sits several times below
 * Post-LN's, and small enough (≈ 2.5e8 flop-equivalents each) to redraw at once in the browser.
 */
const transformerNorm = (norm: "pre" | "post"): SimConfigInput => ({
  model: "transformer",
  depth: 24,
  dModel: 32,
  heads: 4,
  seqLen: 8,
  batch: 4,
  norm,
});

const rnnClip = (clip: "none" | "norm"): SimConfigInput => ({
  // the bank's gated-rnns-and-exploding-gradients scenario: ρ 1.5, SGD with a large step
  model: "rnn",
  steps: 20,
  hidden: 16,
  inputs: 4,
  batch: 4,
  spectralRadius: 1.5,
  inputScale: 0.1,
  seed: 70,
  train: { steps: 30, optimizer: "sgd", lr: 1, clip: { mode: clip, threshold: 1 } },
});

export const PRESETS = [
  { id: "sigmoid30", configs: [{ model: "mlp", depth: 30, activation: "sigmoid", init: "xavier" }] },
  {
    id: "xavierVsHe",
    configs: [
      { model: "mlp", depth: 30, activation: "relu", init: "xavier" },
      { model: "mlp", depth: 30, activation: "relu", init: "he" },
    ],
  },
  { id: "rnnClipping", configs: [rnnClip("none"), rnnClip("norm")] },
  {
    id: "batchNormResidual",
    configs: [
      { model: "mlp", depth: 50, activation: "relu", init: "he", norm: "batch" },
      { model: "mlp", depth: 50, activation: "relu", init: "he", norm: "batch", residual: true },
    ],
  },
  { id: "preVsPostLn", configs: [transformerNorm("pre"), transformerNorm("post")] },
  {
    id: "initVsTrained",
    configs: [
      { model: "mlp", depth: 20, activation: "relu", init: "he" },
      { model: "mlp", depth: 20, activation: "relu", init: "he", train: { steps: 50, optimizer: "sgd", lr: 0.01 } },
    ],
  },
  {
    id: "rnnVsLstm",
    configs: [
      { model: "rnn", steps: 100 },
      { model: "lstm", steps: 100 },
    ],
  },
] as const satisfies readonly { id: string; configs: readonly SimConfigInput[] }[];

export const presetHref = (p: (typeof PRESETS)[number]): string => labHref(p.configs);
