/**
 * Training on the fixed synthetic task: full-batch gradient descent on the snapshot's own loss,
 * i.e. fit the fixed random targets y ~ N(0, 1) from the fixed inputs x (memorisation of one
 * batch). It needs signal to flow from the loss back to every layer — what this app is about —
 * and it is deterministic. Each step: forward + backward → clip → optimizer update.
 */
import type { Quantizer } from "./precision";
import type { TrainStep } from "./result";
import type { TrainConfig } from "./schema";

/** What the training loop needs from a model (every model extends model.ts's Model). */
export interface Trainable {
  /** master parameters, updated in place by the optimizer */
  readonly params: Float64Array[];
  /** ∂loss/∂params, unscaled (lossScale divided out), filled by lossAndGrad() */
  readonly grads: Float64Array[];
  /** one forward + backward pass on the model's fixed batch; returns the loss */
  lossAndGrad(): number;
}

export const MOMENTUM = 0.9; // heavy ball, PyTorch form: v ← μv + g, p ← p − lr·v
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPS = 1e-8;

/** Global L2 norm over all gradient tensors (scaled sums: no overflow for huge values). */
export function globalNorm(grads: readonly Float64Array[]): number {
  let scale = 0;
  for (const g of grads)
    for (let i = 0; i < g.length; i++) {
      const v = Math.abs(g[i]!);
      if (Number.isNaN(v)) return NaN;
      if (v > scale) scale = v;
    }
  if (scale === 0 || scale === Infinity) return scale;
  let s = 0;
  for (const g of grads)
    for (let i = 0; i < g.length; i++) {
      const v = g[i]! / scale;
      s += v * v;
    }
  return scale * Math.sqrt(s);
}

/**
 * Clips in place; returns the global norm after clipping.
 *   norm:  g ← g · min(1, threshold/||g||)   (one factor for all tensors: direction kept)
 *   value: g_i ← clamp(g_i, −threshold, threshold)
 */
export function clipGradients(
  grads: Float64Array[],
  mode: TrainConfig["clip"]["mode"],
  threshold: number,
  norm = globalNorm(grads),
): number {
  if (mode === "none") return norm;
  if (mode === "norm") {
    if (!(norm > threshold)) return norm;
    const f = threshold / norm;
    for (const g of grads) for (let i = 0; i < g.length; i++) g[i] = g[i]! * f;
    return globalNorm(grads);
  }
  for (const g of grads)
    for (let i = 0; i < g.length; i++) {
      const v = g[i]!;
      g[i] = Math.min(threshold, Math.max(-threshold, v));
    }
  return globalNorm(grads);
}

export interface Optimizer {
  step(params: Float64Array[], grads: Float64Array[]): void;
}

export function makeOptimizer(cfg: TrainConfig, params: Float64Array[]): Optimizer {
  const lr = cfg.lr;
  if (cfg.optimizer === "sgd")
    return {
      step(ps, gs) {
        ps.forEach((p, k) => {
          const g = gs[k]!;
          for (let i = 0; i < p.length; i++) p[i] = p[i]! - lr * g[i]!;
        });
      },
    };
  if (cfg.optimizer === "momentum") {
    const v = params.map((p) => new Float64Array(p.length));
    return {
      step(ps, gs) {
        ps.forEach((p, k) => {
          const g = gs[k]!;
          const vk = v[k]!;
          for (let i = 0; i < p.length; i++) {
            const vi = MOMENTUM * vk[i]! + g[i]!;
            vk[i] = vi;
            p[i] = p[i]! - lr * vi;
          }
        });
      },
    };
  }
  const m = params.map((p) => new Float64Array(p.length));
  const s = params.map((p) => new Float64Array(p.length));
  let t = 0;
  return {
    step(ps, gs) {
      t++;
      const c1 = 1 - ADAM_BETA1 ** t;
      const c2 = 1 - ADAM_BETA2 ** t;
      ps.forEach((p, k) => {
        const g = gs[k]!;
        const mk = m[k]!;
        const sk = s[k]!;
        for (let i = 0; i < p.length; i++) {
          const gi = g[i]!;
          const mi = ADAM_BETA1 * mk[i]! + (1 - ADAM_BETA1) * gi;
          const si = ADAM_BETA2 * sk[i]! + (1 - ADAM_BETA2) * gi * gi;
          mk[i] = mi;
          sk[i] = si;
          p[i] = p[i]! - (lr * (mi / c1)) / (Math.sqrt(si / c2) + ADAM_EPS);
        }
      });
    },
  };
}

/**
 * Runs cfg.steps steps. A step whose loss or gradient is non-finite is recorded with
 * nonFinite: true and ends training without an update (divergence is a result, not an error);
 * the parameters stay at the values that diverged, and the snapshot is taken there.
 */
export function train(model: Trainable, cfg: TrainConfig, master: Quantizer | null): TrainStep[] {
  const history: TrainStep[] = [];
  const opt = makeOptimizer(cfg, model.params);
  for (let step = 1; step <= cfg.steps; step++) {
    const loss = model.lossAndGrad();
    const gradNorm = globalNorm(model.grads);
    if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) {
      history.push({ step, loss, gradNorm, clippedGradNorm: gradNorm, nonFinite: true });
      break;
    }
    const clippedGradNorm = clipGradients(model.grads, cfg.clip.mode, cfg.clip.threshold, gradNorm);
    history.push({ step, loss, gradNorm, clippedGradNorm, nonFinite: false });
    opt.step(model.params, model.grads);
    if (master) for (const p of model.params) master.roundArray(p);
  }
  return history;
}
