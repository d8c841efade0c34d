/**
 * Simulation results as one rectangular CSV: one row per layer (MLP), block (Transformer) or time
 * step (recurrent) per config, then one row per training step. Columns that do not apply to a row are empty;
 * non-finite numbers (null in the JSON results) are written "nonfinite".
 */
import type { SimResult } from "@/lib/sim";

export const CSV_COLUMNS = [
  "config",
  "model",
  "row",
  "index",
  "backward_grad_norm",
  "weight_grad_norm",
  "cell_grad_norm",
  "update_ratio",
  "mean",
  "std",
  "saturation",
  "loss",
  "grad_norm",
  "clipped_grad_norm",
  "attention_entropy",
  "attention_max_prob",
  "lr",
  "weight_norm",
  "step_norm",
] as const;

type Column = (typeof CSV_COLUMNS)[number];
type Cell = number | string | null | undefined;

function cell(v: Cell): string {
  if (v === undefined) return "";
  if (v === null) return "nonfinite";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "nonfinite";
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function resultsToCsv(runs: readonly { id: string; result: SimResult }[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  const push = (row: Partial<Record<Column, Cell>>) => lines.push(CSV_COLUMNS.map((c) => cell(row[c])).join(","));
  for (const { id, result: r } of runs) {
    if (r.model === "mlp") {
      for (const l of r.layers)
        push({
          config: id,
          model: r.model,
          row: "layer",
          index: l.layer,
          backward_grad_norm: l.activationGradNorm,
          weight_grad_norm: l.weightGradNorm,
          update_ratio: l.updateRatio,
          step_norm: l.stepNorm,
          mean: l.activationMean,
          std: l.activationStd,
          saturation: l.saturation,
        });
    } else if (r.model === "transformer") {
      for (const l of r.layers)
        push({
          config: id,
          model: r.model,
          row: "block",
          index: l.layer,
          backward_grad_norm: l.activationGradNorm,
          weight_grad_norm: l.weightGradNorm,
          mean: l.activationMean,
          std: l.activationStd,
          attention_entropy: l.attentionEntropy,
          attention_max_prob: l.attentionMaxProb,
        });
    } else {
      for (const s of r.timesteps)
        push({
          config: id,
          model: r.model,
          row: "timestep",
          index: s.t,
          backward_grad_norm: s.hiddenGradNorm,
          weight_grad_norm: s.weightGradNorm,
          cell_grad_norm: s.cellGradNorm,
          mean: s.hiddenMean,
          std: s.hiddenStd,
          saturation: s.saturation,
        });
    }
    for (const h of r.history)
      push({
        config: id,
        model: r.model,
        row: "train_step",
        index: h.step,
        loss: h.loss,
        grad_norm: h.gradNorm,
        clipped_grad_norm: h.clippedGradNorm,
        lr: h.lr,
        weight_norm: h.weightNorm,
      });
  }
  return `${lines.join("\n")}\n`;
}
