/**
 * Weight initialisations for a rows×cols matrix W (fan_in = cols, fan_out = rows), as in
 * PyTorch's nn.init:
 *   normal      N(0, initStd²)
 *   uniform     U(−initStd·√3, initStd·√3)            (so its std is initStd, comparable to normal)
 *   xavier      N(0, 2/(fan_in + fan_out))             (Glorot normal, gain 1)
 *   he          N(0, 2/fan_in)                         (Kaiming normal, fan-in mode, ReLU gain)
 *   lecun       N(0, 1/fan_in)
 *   orthogonal  Q of QR(G), G Gaussian, sign-fixed by diag(R) (gain 1; square matrices only)
 */

import type { InitName } from "./choices";
import { kernelArray } from "./kernels/gemm";
import { orthogonalFromQr } from "./qr";
import type { Rng } from "./rng";

/** The per-matrix inits (LSUV starts from orthogonal and rescales on data: Mlp.lsuvCalibrate). */
export type MatrixInit = Exclude<InitName, "lsuv">;

export function initWeights(init: MatrixInit, rows: number, cols: number, rng: Rng, initStd = 1): Float64Array {
  // a gemm operand: in the kernel's arena when one is open; every init below writes each element
  // (fillNormal, fillUniform, the QR's Q), so the arena need not zero it first
  const W = kernelArray(rows * cols, { overwritten: true });
  switch (init) {
    case "normal":
      return rng.fillNormal(W, initStd);
    case "uniform": {
      const b = initStd * Math.sqrt(3);
      return rng.fillUniform(W, -b, b);
    }
    case "xavier":
      return rng.fillNormal(W, Math.sqrt(2 / (cols + rows)));
    case "he":
      return rng.fillNormal(W, Math.sqrt(2 / cols));
    case "lecun":
      return rng.fillNormal(W, Math.sqrt(1 / cols));
    case "orthogonal": {
      if (rows !== cols) throw new Error("orthogonal init is implemented for square matrices");
      return orthogonalFromQr(rng.fillNormal(W, 1), rows, W);
    }
  }
}
