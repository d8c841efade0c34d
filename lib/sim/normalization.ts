/**
 * Normalisation of z (B×N row-major), γ = 1, β = 0, eps = 1e-5, biased variance:
 *   BatchNorm: per feature j over the batch (training-mode statistics).
 *   LayerNorm: per sample b over the N features.
 * For a group of m values:   μ = Σz/m,  σ² = Σ(z−μ)²/m,  s = 1/√(σ² + eps),  x̂ = (z − μ)·s
 * Backward (full, through μ and σ²):  dz = (s/m)·(m·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂))
 */
import type { NormName } from "./choices";
import type { Quantizer } from "./precision";

export const NORM_EPS = 1e-5;

export type NormKind = Exclude<NormName, "none">;

/** The groups of z (B×N, row-major) a norm normalises over: group g has m values at g·groupStep + i·stride. */
interface Groups {
  groups: number;
  m: number;
  groupStep: number;
  stride: number;
}

function groupsOf(kind: NormKind, B: number, N: number): Groups {
  return kind === "batch"
    ? { groups: N, m: B, groupStep: 1, stride: N } // BatchNorm: per feature j, the B values of column j
    : { groups: B, m: N, groupStep: N, stride: 1 }; // LayerNorm: per sample b, the N values of row b
}

/** xhat = normalised z; invStd[g] = s of group g (kept for backward). */
export function normForward(
  kind: NormKind,
  z: Float64Array,
  xhat: Float64Array,
  invStd: Float64Array,
  B: number,
  N: number,
  q: Quantizer | null,
): void {
  const { groups, m, groupStep, stride } = groupsOf(kind, B, N);
  for (let g = 0; g < groups; g++) {
    const o = g * groupStep;
    let mean = 0;
    for (let i = 0; i < m; i++) mean += z[o + i * stride]!;
    mean /= m;
    let v = 0;
    for (let i = 0; i < m; i++) {
      const d = z[o + i * stride]! - mean;
      v += d * d;
    }
    v /= m;
    let s = 1 / Math.sqrt(v + NORM_EPS);
    if (q) {
      mean = q.round(mean);
      s = q.round(s);
    }
    invStd[g] = s;
    for (let i = 0; i < m; i++) {
      const k = o + i * stride;
      xhat[k] = (z[k]! - mean) * s;
    }
  }
  if (q) q.roundArray(xhat, 0, groups * m);
}

/** dz from dxhat, through the mean and the variance: dz = (s/m)·(m·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂)). */
export function normBackward(
  kind: NormKind,
  xhat: Float64Array,
  invStd: Float64Array,
  dxhat: Float64Array,
  dz: Float64Array,
  B: number,
  N: number,
  q: Quantizer | null,
): void {
  const { groups, m, groupStep, stride } = groupsOf(kind, B, N);
  for (let g = 0; g < groups; g++) {
    const o = g * groupStep;
    let sumD = 0;
    let sumDX = 0;
    for (let i = 0; i < m; i++) {
      const k = o + i * stride;
      sumD += dxhat[k]!;
      sumDX += dxhat[k]! * xhat[k]!;
    }
    if (q) {
      sumD = q.round(sumD);
      sumDX = q.round(sumDX);
    }
    const c = invStd[g]! / m;
    for (let i = 0; i < m; i++) {
      const k = o + i * stride;
      dz[k] = c * (m * dxhat[k]! - sumD - xhat[k]! * sumDX);
    }
  }
  if (q) q.roundArray(dz, 0, groups * m);
}
