/**
 * Simulation results as one rectangular CSV: one row per layer (MLP), block (Transformer) or time
 * step (recurrent) per config, then one row per training step. Columns that do not apply to a row are empty;
 * non-finite numbers (null in the JSON results) are written "nonfinite".
 *
 * A Transformer also has one `position` row per (stream, sequence position), after its block rows
 * and before its training steps, in long ("tidy") form: `index` is the stream l — 0 the input x_0,
 * l = 1 … depth the residual stream after block l, as in the block rows — and `position` is
 * t = 1 … seqLen; `backward_grad_norm` is ‖∂L/∂x_l[·, t, ·]‖ over batch × dModel (the result's
 * `positions[t].inputGradNorm` for l = 0, `layers[l].positionGradNorms[t]` otherwise; over t their
 * root sum of squares is the block row's `backward_grad_norm`). Rows are ordered l first, then t.
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
  "position",
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
      const streams = [r.positions.map((p) => p.inputGradNorm), ...r.layers.map((l) => l.positionGradNorms)];
      for (const [l, norms] of streams.entries())
        for (const [i, v] of norms.entries())
          push({ config: id, model: r.model, row: "position", index: l, position: i + 1, backward_grad_norm: v });
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
