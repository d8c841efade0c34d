/**
 * Activations: forward f(u) and slope f'(u) side by side. `slope` receives both u and a = f(u)
 * so sigmoid/tanh can reuse the output. Kinks take the left slope at 0 (relu'(0) = 0, as PyTorch).
 * An activation may add array forms of the two (`forward`, `backward`): the same values, computed
 * by a vector kernel or a loop the JIT can specialise — tanh's forward is the wasm SIMD kernel.
 *
 * Saturation: a unit counts as saturated (or dead) when |f'(u)| < SATURATION_REL · max|f'|.
 * One rule for all: sigmoid |u| ≳ 4.36, tanh |u| ≳ 2.18, relu/leaky_relu u ≤ 0 (leaky's 0.01
 * slope is below 5 % of 1), elu/selu u ≲ −3.0, gelu u ≲ −2.28 and −0.90 ≲ u ≲ −0.63 (where its
 * slope crosses 0), linear never.
 */

import type { ActivationName } from "./choices";
import { normalCdf, normalPdf } from "./erf";
import { tanh as tanhScalar } from "./fdlibm";
import { elementwiseKernel } from "./kernels/elementwise";

export type { ActivationName } from "./choices";

/** Slope below 5 % of the activation's largest slope = saturated (see header). */
export const SATURATION_REL = 0.05;

export const LEAKY_SLOPE = 0.01;
export const ELU_ALPHA = 1;
// SELU constants of Klambauer et al. 2017 (as in PyTorch).
export const SELU_LAMBDA = 1.0507009873554805;
export const SELU_ALPHA = 1.6732632423543772;

export interface Activation {
  name: ActivationName;
  f(u: number): number;
  slope(u: number, a: number): number;
  /** sup |f'| — the reference for the saturation rule. */
  maxSlope: number;
  /** a[i] = f(u[i]) for i < n, the same bits as f */
  forward?(u: Float64Array, a: Float64Array, n: number): void;
  /** du[i] = da[i] · slope(u[i], a[i]) for i < n, the same bits */
  backward?(u: Float64Array, a: Float64Array, da: Float64Array, du: Float64Array, n: number): void;
}

/** The logistic function σ(u) = 1/(1+e^{−u}), evaluated so that exp never overflows. Also the gates of lstm.ts/gru.ts. */
export const sigmoid = (u: number): number => (u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u)));

const logistic: Activation = {
  name: "sigmoid",
  f: sigmoid,
  slope: (_u, a) => a * (1 - a),
  maxSlope: 0.25,
};

// fdlibm's tanh (Math.tanh's algorithm in V8, the same bits in every engine), vectorised forward.
const tanh: Activation = {
  name: "tanh",
  f: tanhScalar,
  slope: (_u, a) => 1 - a * a,
  maxSlope: 1,
  forward(u, a, n) {
    const kernel = elementwiseKernel();
    if (kernel) kernel.tanh(u, a, n);
    else for (let i = 0; i < n; i++) a[i] = tanhScalar(u[i]!);
  },
  backward(_u, a, da, du, n) {
    for (let i = 0; i < n; i++) du[i] = da[i]! * (1 - a[i]! * a[i]!);
  },
};

const relu: Activation = {
  name: "relu",
  f: (u) => Math.max(u, 0), // propagates NaN
  slope: (u) => (u > 0 ? 1 : 0),
  maxSlope: 1,
  // the same expressions as f and slope, as loops the JIT specialises (the Transformer's FFN: N·F per block)
  forward(u, a, n) {
    for (let i = 0; i < n; i++) a[i] = Math.max(u[i]!, 0);
  },
  backward(u, _a, da, du, n) {
    for (let i = 0; i < n; i++) du[i] = da[i]! * (u[i]! > 0 ? 1 : 0);
  },
};

const leakyRelu: Activation = {
  name: "leaky_relu",
  f: (u) => (u > 0 ? u : LEAKY_SLOPE * u),
  slope: (u) => (u > 0 ? 1 : LEAKY_SLOPE),
  maxSlope: 1,
};

const elu: Activation = {
  name: "elu",
  f: (u) => (u > 0 ? u : ELU_ALPHA * Math.expm1(u)),
  slope: (u) => (u > 0 ? 1 : ELU_ALPHA * Math.exp(u)),
  maxSlope: 1,
};

// Exact GELU (PyTorch's default, approximate="none"): u·Φ(u); slope Φ(u) + u·φ(u).
const geluSlope = (u: number): number => normalCdf(u) + u * normalPdf(u);
const gelu: Activation = {
  name: "gelu",
  f: (u) => u * normalCdf(u),
  slope: (u) => geluSlope(u),
  maxSlope: geluSlope(Math.SQRT2), // the slope peaks at u = √2 (≈ 1.1289)
};

const selu: Activation = {
  name: "selu",
  f: (u) => (u > 0 ? SELU_LAMBDA * u : SELU_LAMBDA * SELU_ALPHA * Math.expm1(u)),
  slope: (u) => (u > 0 ? SELU_LAMBDA : SELU_LAMBDA * SELU_ALPHA * Math.exp(u)),
  maxSlope: SELU_LAMBDA * SELU_ALPHA, // the slope approaches λα as u → 0⁻
};

const linear: Activation = {
  name: "linear",
  f: (u) => u,
  slope: () => 1,
  maxSlope: 1,
};

const TABLE: Record<ActivationName, Activation> = {
  sigmoid: logistic,
  tanh,
  relu,
  leaky_relu: leakyRelu,
  elu,
  gelu,
  selu,
  linear,
};

export function activation(name: ActivationName): Activation {
  return TABLE[name];
}

/** a[i] = f(u[i]) */
export function activationForward(act: Activation, u: Float64Array, a: Float64Array, n: number): void {
  if (act.forward) act.forward(u, a, n);
  else {
    const f = act.f;
    for (let i = 0; i < n; i++) a[i] = f(u[i]!);
  }
}

/** du[i] = da[i] · f'(u[i]) */
export function activationBackward(
  act: Activation,
  u: Float64Array,
  a: Float64Array,
  da: Float64Array,
  du: Float64Array,
  n: number,
): void {
  if (act.backward) act.backward(u, a, da, du, n);
  else {
    const slope = act.slope;
    for (let i = 0; i < n; i++) du[i] = da[i]! * slope(u[i]!, a[i]!);
  }
}

/** Fraction of the n units in the saturated/dead region. */
export function saturationFraction(act: Activation, u: Float64Array, a: Float64Array, n: number): number {
  if (n === 0) return 0;
  const limit = SATURATION_REL * act.maxSlope;
  let count = 0;
  for (let i = 0; i < n; i++) if (Math.abs(act.slope(u[i]!, a[i]!)) < limit) count++;
  return count / n;
}
