/**
 * Expected maximum of R independent normal variables, for synchronous steps with jittered compute: the
 * step waits for the slowest of R ranks, so its mean compute is μ + σ·e(R) with
 * e(R) = ∫ x · R·φ(x)·Φ(x)^(R−1) dx, integrated numerically (Simpson, 4,000 panels on [−9, 9]).
 * Pure functions.
 */

/** Standard normal CDF via erfc (W. J. Cody-style rational approximation through Math functions). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Complementary error function, |error| < 1.2e-7 (Numerical Recipes' erfcc, Chebyshev fit). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

const cache = new Map<number, number>();

/** e(R): the expected maximum of R standard normals (0 for R = 1). @throws RangeError for R < 1. */
export function expectedMaxStdNormal(r: number): number {
  if (!(Number.isInteger(r) && r >= 1)) throw new RangeError(`invalid count: ${r}`);
  if (r === 1) return 0;
  const hit = cache.get(r);
  if (hit !== undefined) return hit;
  const a = -9;
  const b = 9;
  const n = 4000;
  const h = (b - a) / n;
  const f = (x: number): number => x * r * Math.exp(-0.5 * x * x) * 0.3989422804014327 * Math.pow(normalCdf(x), r - 1);
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(a + i * h);
  const e = (sum * h) / 3;
  cache.set(r, e);
  return e;
}

/** Mean of the largest of R normal(μ, σ) draws. */
export const expectedMaxNormal = (mu: number, sigma: number, r: number): number => mu + sigma * expectedMaxStdNormal(r);
