/** Shared test helpers: central finite differences against analytic gradients. */

export const FD_STEP = 1e-5;

/**
 * Relative error ||g − ĝ|| / (||g|| + ||ĝ||) between an analytic gradient g and the central
 * difference ĝ_i = (L(p_i + h) − L(p_i − h)) / 2h, per parameter tensor; returns the worst tensor.
 */
export function gradCheck(loss: () => number, params: Float64Array[], grads: Float64Array[], h = FD_STEP): number {
  let worst = 0;
  params.forEach((p, k) => {
    const g = grads[k] as Float64Array;
    let diff = 0;
    let sum = 0;
    for (let i = 0; i < p.length; i++) {
      const old = p[i] as number;
      p[i] = old + h;
      const up = loss();
      p[i] = old - h;
      const down = loss();
      p[i] = old;
      const fd = (up - down) / (2 * h);
      diff += (fd - (g[i] as number)) ** 2;
      sum += fd * fd + (g[i] as number) ** 2;
    }
    const rel = sum === 0 ? 0 : Math.sqrt(diff) / Math.sqrt(sum);
    if (rel > worst) worst = rel;
  });
  return worst;
}

export function frob(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  return Math.sqrt(s);
}

/** Least-squares slope of y against x. */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    sxx += ((xs[i] as number) - mx) ** 2;
  }
  return sxy / sxx;
}
