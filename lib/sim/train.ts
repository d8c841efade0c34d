/**
 * Training on the fixed synthetic task: full-batch gradient descent on the snapshot's own loss,
 * i.e. fit the fixed random targets y from the fixed inputs x (memorisation of one batch). It
 * needs signal to flow from the loss back to every layer — what this app is about — and it is
 * deterministic. Each step s = 1 … S: forward + backward → clip → optimizer update at lr_s.
 *
 * Schedules (W = warmupSteps):   constant       lr_s = lr
 *                                linear-warmup  lr_s = lr · min(1, s/W)
 *                                warmup-cosine  lr_s = lr · s/W (s ≤ W), lr · ½(1 + cos(π(s − W)/(S − W))) after
 * Weight decay λ: sgd, momentum, adam add λθ to the (clipped) gradient inside the step (coupled
 * L2, as PyTorch's weight_decay); adamw decays decoupled, θ ← θ − lr_s·λ·θ, then the Adam step
 * (Loshchilov & Hutter 2019). Every parameter tensor is decayed (biases included, PyTorch's default).
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
  /** ‖θ_k after − θ_k before‖_F of the last update, per tensor (filled by train(); 0 before any) */
  readonly stepNorms: Float64Array;
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

/** The learning rate of step s (1-based) of a run of `cfg.steps` steps. */
export function learningRate(cfg: Pick<TrainConfig, "lr" | "steps" | "schedule">, s: number): number {
  const { kind, warmupSteps: W } = cfg.schedule;
  if (kind === "constant") return cfg.lr;
  if (s <= W) return (cfg.lr * s) / W;
  if (kind === "linear-warmup") return cfg.lr;
  const S = cfg.steps;
  return cfg.lr * 0.5 * (1 + Math.cos((Math.PI * (s - W)) / (S - W)));
}

/**
 * One update at learning rate lr; the gradients may be modified (coupled L2 is added to them).
 * stepNorms[k] receives ‖Δθ_k‖_F, the update the optimizer applied to tensor k (before the
 * master format's rounding): what it made of the gradient, per tensor — for Adam not ∝ ‖g_k‖.
 */
export interface Optimizer {
  step(params: Float64Array[], grads: Float64Array[], lr: number, stepNorms: Float64Array): void;
}

/** Coupled L2: g ← g + λθ (as PyTorch's weight_decay for SGD, momentum and Adam). */
function addL2(ps: Float64Array[], gs: Float64Array[], lambda: number): void {
  if (lambda === 0) return;
  ps.forEach((p, k) => {
    const g = gs[k]!;
    for (let i = 0; i < p.length; i++) g[i] = g[i]! + lambda * p[i]!;
  });
}

export function makeOptimizer(cfg: TrainConfig, params: Float64Array[]): Optimizer {
  const lambda = cfg.weightDecay;
  if (cfg.optimizer === "sgd")
    return {
      step(ps, gs, lr, stepNorms) {
        addL2(ps, gs, lambda);
        ps.forEach((p, k) => {
          const g = gs[k]!;
          let ss = 0;
          for (let i = 0; i < p.length; i++) {
            const d = -lr * g[i]!;
            p[i] = p[i]! + d;
            ss += d * d;
          }
          stepNorms[k] = Math.sqrt(ss);
        });
      },
    };
  if (cfg.optimizer === "momentum") {
    const v = params.map((p) => new Float64Array(p.length));
    return {
      step(ps, gs, lr, stepNorms) {
        addL2(ps, gs, lambda);
        ps.forEach((p, k) => {
          const g = gs[k]!;
          const vk = v[k]!;
          let ss = 0;
          for (let i = 0; i < p.length; i++) {
            const vi = MOMENTUM * vk[i]! + g[i]!;
            vk[i] = vi;
            const d = -lr * vi;
            p[i] = p[i]! + d;
            ss += d * d;
          }
          stepNorms[k] = Math.sqrt(ss);
        });
      },
    };
  }
  // adam (coupled L2 in the gradient) and adamw (decoupled: the weights shrink before the Adam step)
  const decoupled = cfg.optimizer === "adamw";
  const m = params.map((p) => new Float64Array(p.length));
  const s = params.map((p) => new Float64Array(p.length));
  let t = 0;
  return {
    step(ps, gs, lr, stepNorms) {
      t++;
      const c1 = 1 - ADAM_BETA1 ** t;
      const c2 = 1 - ADAM_BETA2 ** t;
      if (!decoupled) addL2(ps, gs, lambda);
      const shrink = decoupled ? 1 - lr * lambda : 1;
      ps.forEach((p, k) => {
        const g = gs[k]!;
        const mk = m[k]!;
        const sk = s[k]!;
        let ss = 0;
        for (let i = 0; i < p.length; i++) {
          const gi = g[i]!;
          const mi = ADAM_BETA1 * mk[i]! + (1 - ADAM_BETA1) * gi;
          const si = ADAM_BETA2 * sk[i]! + (1 - ADAM_BETA2) * gi * gi;
          mk[i] = mi;
          sk[i] = si;
          const pi = p[i]!;
          const next = pi * shrink - (lr * (mi / c1)) / (Math.sqrt(si / c2) + ADAM_EPS);
          p[i] = next;
          const d = next - pi;
          ss += d * d;
        }
        stepNorms[k] = Math.sqrt(ss);
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
    const lr = learningRate(cfg, step);
    const weightNorm = globalNorm(model.params);
    const loss = model.lossAndGrad();
    const gradNorm = globalNorm(model.grads);
    if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) {
      history.push({ step, loss, gradNorm, clippedGradNorm: gradNorm, lr, weightNorm, nonFinite: true });
      break;
    }
    const clippedGradNorm = clipGradients(model.grads, cfg.clip.mode, cfg.clip.threshold, gradNorm);
    history.push({ step, loss, gradNorm, clippedGradNorm, lr, weightNorm, nonFinite: false });
    opt.step(model.params, model.grads, lr, model.stepNorms);
    if (master) for (const p of model.params) master.roundArray(p);
  }
  return history;
}
