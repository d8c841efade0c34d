/**
 * Scaled dot-product attention of one head, forward and backward side by side (T positions,
 * d_h dimensions, row-major buffers; the matrix products on the gemm kernel):
 *
 *   S = Q Kᵀ · s                        s = 1/√d_h ("sqrt") or 1 ("none")
 *   P_t· = softmax(S_t·) over j ≤ t      (causal; over every j otherwise; P_tj = 0 where masked)
 *   O = P V
 * Backward, given δO:
 *   δP = δO Vᵀ,   δV = Pᵀ δO
 *   δS_tj = P_tj (δP_tj − Σ_j' P_tj' δP_tj')      (the softmax Jacobian; 0 where masked)
 *   δQ = s · δS K,   δK = s · δSᵀ Q
 * Row statistics (attentionRowStats): entropy −Σ_j P_tj ln P_tj (nats, 0 log 0 = 0) and max_j P_tj.
 */
import { matmul, matmulAt, matmulBt } from "./kernels/gemm";
import type { Quantizer } from "./precision";

/** One head's operands: Q, K, V, O are T×d_h; P is T×T. */
export interface HeadBuffers {
  Q: Float64Array;
  K: Float64Array;
  V: Float64Array;
  P: Float64Array;
  O: Float64Array;
}

/** Forward: P (kept for backward) and O from Q, K, V. */
export function attentionForward(
  h: HeadBuffers,
  T: number,
  dh: number,
  scale: number,
  causal: boolean,
  q: Quantizer | null,
): void {
  const P = h.P;
  matmulBt(h.Q, h.K, P, T, T, dh); // S = Q Kᵀ (scaled in the softmax below)
  if (q) q.roundArray(P);
  for (let t = 0; t < T; t++) softmaxRow(P, t * T, causal ? t + 1 : T, T, scale);
  if (q) q.roundArray(P);
  matmul(P, h.V, h.O, T, dh, T); // O = P V
  if (q) q.roundArray(h.O);
}

/**
 * Row softmax of s·S over its first `visible` entries, in place; the rest of the row (masked
 * positions) become 0. Shifted by the row maximum so exp never overflows.
 */
function softmaxRow(P: Float64Array, o: number, visible: number, T: number, scale: number): void {
  let max = -Infinity;
  for (let j = 0; j < visible; j++) {
    const v = P[o + j]! * scale;
    P[o + j] = v;
    if (v > max) max = v;
  }
  let sum = 0;
  for (let j = 0; j < visible; j++) {
    const e = Math.exp(P[o + j]! - max);
    P[o + j] = e;
    sum += e;
  }
  for (let j = 0; j < visible; j++) P[o + j] = P[o + j]! / sum;
  for (let j = visible; j < T; j++) P[o + j] = 0;
}

/** Scratch for the backward of one head: δO (input), δQ, δK, δV (outputs, T×d_h) and δP (T×T). */
export interface HeadGradients {
  dO: Float64Array;
  dQ: Float64Array;
  dK: Float64Array;
  dV: Float64Array;
  dP: Float64Array;
}

/** Backward of attentionForward: δQ, δK, δV from δO (P, Q, K, V as the forward left them). */
export function attentionBackward(
  h: HeadBuffers,
  g: HeadGradients,
  T: number,
  dh: number,
  scale: number,
  q: Quantizer | null,
): void {
  const { P } = h;
  const dP = g.dP;
  matmulBt(g.dO, h.V, dP, T, T, dh); // δP = δO Vᵀ
  matmulAt(P, g.dO, g.dV, T, dh, T); // δV = Pᵀ δO
  if (q) {
    q.roundArray(dP);
    q.roundArray(g.dV);
  }
  for (let t = 0; t < T; t++) {
    const o = t * T;
    let r = 0;
    for (let j = 0; j < T; j++) r += P[o + j]! * dP[o + j]!;
    for (let j = 0; j < T; j++) dP[o + j] = scale * P[o + j]! * (dP[o + j]! - r); // δS·s; masked: P = 0
  }
  if (q) q.roundArray(dP);
  matmul(dP, h.K, g.dQ, T, dh, T); // δQ = s·δS K
  matmulAt(dP, h.Q, g.dK, T, dh, T); // δK = s·δSᵀ Q
  if (q) {
    q.roundArray(g.dQ);
    q.roundArray(g.dK);
  }
}

/** Sums over the rows of one head's P: entropy (nats) and the largest probability, for the means the result reports. */
export function attentionRowStats(P: Float64Array, T: number): { entropy: number; maxProb: number } {
  let entropy = 0;
  let maxProb = 0;
  for (let t = 0; t < T; t++) {
    const o = t * T;
    let max = 0;
    for (let j = 0; j < T; j++) {
      const p = P[o + j]!;
      if (p > 0) entropy -= p * Math.log(p);
      if (p > max) max = p;
    }
    maxProb += max;
  }
  return { entropy, maxProb };
}
