/**
 * Server-side reshaping of simulation results into the small props the chart components need:
 * only the series drawn, as plain number arrays (null = non-finite).
 */
import type { SimResult, Verdict } from "@/lib/sim";

export type Metric = "backward" | "weight" | "step" | "cell" | "qk" | "ffn" | "entropy";
/**
 * What a gradient profile is drawn along: MLP layers, recurrent time steps, Transformer blocks —
 * and sequence positions, where a Transformer's input positions and a recurrent net's steps are
 * drawn together (the path-length comparison).
 */
export type ProfileAxis = "layer" | "step" | "block" | "position";
export type Role = "problem" | "fix" | "config" | "option";
export type Series = (number | null)[];

export type RunInfo = {
  id: string;
  /** position among all runs shown together: picks the run's colour and dash on every chart */
  index: number;
  label: string;
  role: Role;
  verdict: Verdict;
  gradRatio: number | null;
  weightGradRatio: number | null;
  nonFinite: boolean;
};

export type ProfileData = {
  axis: ProfileAxis;
  metrics: Metric[];
  runs: (Pick<RunInfo, "id" | "index" | "label" | "role"> & { values: Partial<Record<Metric, Series>> })[];
};

export type TrainingData = {
  runs: (Pick<RunInfo, "id" | "index" | "label" | "role"> & {
    loss: Series;
    grad: Series;
    clipped: Series;
    clips: boolean;
  })[];
};

export type HistogramData = {
  runs: (Pick<RunInfo, "id" | "index" | "label" | "role"> & {
    layers: { min: number | null; max: number | null; counts: number[]; nonFinite: number }[];
  })[];
};

export type LabeledResult = { id: string; label: string; role: Role; result: SimResult };
type Indexed = LabeledResult & { index: number };
const indexed = (runs: readonly LabeledResult[]): Indexed[] => runs.map((r, index) => ({ ...r, index }));

/**
 * Finite numbers rounded to 4 significant digits (the charts show at most 3; the full values are
 * in the CSV/JSON downloads): it cuts the page's serialized props about threefold.
 */
const num = (v: number | null | undefined): number | null =>
  typeof v === "number" && Number.isFinite(v) ? Number(v.toPrecision(4)) : null;

export function runInfo({ id, label, role, result: r }: LabeledResult, index: number): RunInfo {
  return {
    id,
    index,
    label,
    role,
    verdict: r.summary.verdict,
    gradRatio: num(r.summary.gradRatio),
    weightGradRatio: num(r.summary.weightGradRatio),
    nonFinite: r.summary.nonFinite,
  };
}

/**
 * Along sequence positions, when a Transformer run has its loss on the last position only (what
 * reaches position t from there is the path-length question): every Transformer run's input
 * gradient per position and every recurrent run's ‖∂L/∂h_t‖ per step, on one chart.
 */
function positionData(runs: readonly Indexed[]): ProfileData | null {
  const lastLoss = runs.some(
    (r) => r.result.meta.config.model === "transformer" && r.result.meta.config.loss === "last",
  );
  if (!lastLoss) return null;
  const sequences = runs.filter((r) => r.result.model !== "mlp");
  return {
    axis: "position",
    metrics: ["backward"],
    runs: sequences.map(({ id, index, label, role, result }) => ({
      id,
      index,
      label,
      role,
      values: {
        backward:
          result.model === "transformer"
            ? result.positions.map((p) => num(p.inputGradNorm))
            : result.model === "mlp"
              ? []
              : result.timesteps.map((s) => num(s.hiddenGradNorm)),
      },
    })),
  };
}

/**
 * Gradient profiles, one chart per axis kind (MLP layers; recurrent time steps; Transformer
 * blocks; then sequence positions when drawn — last, so the first chart, which carries the
 * problem's annotation and the inline control, stays the problem's own axis).
 */
export function profileData(runs: readonly LabeledResult[]): ProfileData[] {
  const out: ProfileData[] = [];
  const mlp = indexed(runs).filter((r) => r.result.model === "mlp");
  const rec = indexed(runs).filter((r) => r.result.model !== "mlp" && r.result.model !== "transformer");
  const blocks = indexed(runs).filter((r) => r.result.model === "transformer");
  // the optimizer's last step per layer, when a run trained (what it made of the weight gradient)
  const mlpTrained = mlp.some((r) => r.result.history.length > 0);
  if (mlp.length > 0)
    out.push({
      axis: "layer",
      metrics: mlpTrained ? ["backward", "weight", "step"] : ["backward", "weight"],
      runs: mlp.map(({ id, index, label, role, result }) => ({
        id,
        index,
        label,
        role,
        values:
          result.model === "mlp"
            ? {
                backward: result.layers.map((l) => num(l.activationGradNorm)),
                weight: result.layers.map((l) => num(l.weightGradNorm)),
                ...(result.history.length > 0 ? { step: result.layers.map((l) => num(l.stepNorm)) } : {}),
              }
            : {},
      })),
    });
  if (rec.length > 0) {
    const hasCell = rec.some((r) => r.result.model === "lstm");
    out.push({
      axis: "step",
      metrics: hasCell ? ["backward", "cell", "weight"] : ["backward", "weight"],
      runs: rec.map(({ id, index, label, role, result }) => ({
        id,
        index,
        label,
        role,
        values:
          result.model !== "mlp" && result.model !== "transformer"
            ? {
                backward: result.timesteps.map((s) => num(s.hiddenGradNorm)),
                weight: result.timesteps.map((s) => num(s.weightGradNorm)),
                ...(result.model === "lstm" ? { cell: result.timesteps.map((s) => num(s.cellGradNorm)) } : {}),
              }
            : {},
      })),
    });
  }
  if (blocks.length > 0)
    out.push({
      axis: "block",
      metrics: ["backward", "weight", "ffn", "qk", "entropy"],
      runs: blocks.map(({ id, index, label, role, result }) => ({
        id,
        index,
        label,
        role,
        values:
          result.model === "transformer"
            ? {
                backward: result.layers.map((l) => num(l.activationGradNorm)),
                weight: result.layers.map((l) => num(l.weightGradNorm)),
                ffn: result.layers.map((l) => num(l.weightGradNorms.w2)),
                qk: result.layers.map((l) => num(Math.hypot(l.weightGradNorms.wq, l.weightGradNorms.wk))),
                entropy: result.layers.map((l) => num(l.attentionEntropy)),
              }
            : {},
      })),
    });
  const positions = positionData(indexed(runs));
  if (positions) out.push(positions);
  return out;
}

export function trainingData(runs: readonly LabeledResult[]): TrainingData | null {
  const training = indexed(runs).filter((r) => r.result.history.length > 0);
  if (training.length === 0) return null;
  return {
    runs: training.map(({ id, index, label, role, result }) => ({
      id,
      index,
      label,
      role,
      loss: result.history.map((h) => num(h.loss)),
      grad: result.history.map((h) => num(h.gradNorm)),
      clipped: result.history.map((h) => num(h.clippedGradNorm)),
      clips: (result.meta.config.train?.clip.mode ?? "none") !== "none",
    })),
  };
}

/** Activation histograms of every run with layers (MLP layers' outputs, the Transformer's stream after each block). */
export function histogramData(runs: readonly LabeledResult[]): HistogramData | null {
  const layered = indexed(runs).filter((r) => r.result.model === "mlp" || r.result.model === "transformer");
  if (layered.length === 0) return null;
  return {
    runs: layered.map(({ id, index, label, role, result }) => ({
      id,
      index,
      label,
      role,
      layers:
        result.model === "mlp" || result.model === "transformer"
          ? result.layers.map((l) => ({
              min: num(l.histogram.min),
              max: num(l.histogram.max),
              counts: l.histogram.counts,
              nonFinite: l.histogram.nonFinite,
            }))
          : [],
    })),
  };
}
