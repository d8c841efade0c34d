/**
 * The blocked QR (lib/sim/qr.ts, orthogonal init) against the unblocked Householder QR
 * (linalg.ts householderQ): both give the unique Q with a positive-diagonal R, so they must agree
 * to rounding; and on its own, Q must be orthogonal and reconstruct A with R = QᵀA upper triangular.
 */
import { describe, expect, it } from "vitest";
import { gemm } from "../../../lib/sim/kernels/gemm";
import { householderQ } from "../../../lib/sim/linalg";
import { orthogonalFromQr } from "../../../lib/sim/qr";
import { Rng } from "../../../lib/sim/rng";

/** max |QᵀQ − I|, max |below-diagonal of R = QᵀA| / max|A|, min diagonal of R, max |Q·R − A| / max|A|. */
function quality(Q: Float64Array, A: Float64Array, n: number) {
  const QtQ = new Float64Array(n * n);
  gemm(Q, Q, QtQ, n, n, n, { transA: true });
  const R = new Float64Array(n * n);
  gemm(Q, A, R, n, n, n, { transA: true });
  const QR = new Float64Array(n * n);
  gemm(Q, R, QR, n, n, n);
  const scale = A.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  let orth = 0;
  let lower = 0;
  let diag = Infinity;
  let recon = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      orth = Math.max(orth, Math.abs(QtQ[i * n + j]! - (i === j ? 1 : 0)));
      if (j < i) lower = Math.max(lower, Math.abs(R[i * n + j]!) / scale);
      if (i === j) diag = Math.min(diag, R[i * n + i]!);
      recon = Math.max(recon, Math.abs(QR[i * n + j]! - A[i * n + j]!) / scale);
    }
  return { orth, lower, diag, recon };
}

const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe("blocked QR (panels of 32 columns, trailing updates and Q on the gemm kernel)", () => {
  it.each([1, 2, 5, 31, 32, 33, 64, 65, 100, 256])(
    "n = %i: orthogonal, reconstructs A, R upper triangular with a positive diagonal, the Householder Q",
    (n) => {
      const A = new Rng(n, 4).fillNormal(new Float64Array(n * n));
      const before = Float64Array.from(A);
      const Q = orthogonalFromQr(A, n);
      expect(A).toEqual(before); // A is not changed
      const q = quality(Q, A, n);
      expect(q.orth).toBeLessThan(1e-13);
      expect(q.recon).toBeLessThan(1e-13);
      expect(q.lower).toBeLessThan(1e-13);
      expect(q.diag).toBeGreaterThan(0);
      expect(maxDiff(Q, householderQ(A, n))).toBeLessThan(1e-12);
    },
  );

  it("matrices that are already (partly) triangular or have zero columns: the identity's Q, signs fixed", () => {
    const n = 40;
    const upper = new Rng(9, 4).fillNormal(new Float64Array(n * n)).map((v, i) => (i % n >= Math.floor(i / n) ? v : 0));
    const q = quality(orthogonalFromQr(upper, n), upper, n);
    expect(q.orth).toBeLessThan(1e-13);
    expect(q.recon).toBeLessThan(1e-13);
    expect(maxDiff(orthogonalFromQr(upper, n), householderQ(upper, n))).toBeLessThan(1e-12);
    const I = new Float64Array(n * n).map((_, i) => (i % (n + 1) === 0 ? 1 : 0));
    expect(orthogonalFromQr(I, n)).toEqual(I);
  });

  it("is deterministic: the same A gives the same bits", () => {
    const n = 70;
    const A = new Rng(3, 4).fillNormal(new Float64Array(n * n));
    expect(orthogonalFromQr(A, n)).toEqual(orthogonalFromQr(A, n));
  });
});
