/**
 * Measured throughput-vs-concurrency curves as a latency model. A calibrated profile (fitted from fio runs)
 * carries, per direction, one curve per request size: total throughput `T(r, q)` of `q` outstanding requests
 * of `r` bytes, as monotone piecewise-linear knots. By Little's law one request then takes
 * `t(r, q) = q · r / T(r, q)` while `q` requests are outstanding, which is the per-stream rate cap the fluid
 * model uses in place of the two-parameter `L0 + r/S` model (request.ts) when curves are present.
 *
 * Interpolation and extrapolation rules (stated once, used everywhere):
 * - in concurrency: `T` is linear through the origin below the first knot (latency constant at low load),
 *   piecewise-linear between knots, flat beyond the last (saturated: latency grows with q);
 * - in request size: `t` is interpolated linearly in r between the two measured sizes around r (as in
 *   `L0 + r/S`, per-request time is affine in the size); below
 *   the smallest measured size `t` is the smallest size's (per-request cost dominates); above the largest,
 *   the largest size's throughput per stream is kept (transfer dominates).
 */

/** A knot: total throughput at `outstanding` concurrent requests. */
export interface ConcurrencyKnot {
  readonly outstanding: number;
  readonly bytesPerSecond: number;
}

/** Throughput vs outstanding requests for one request size (knots ascending in `outstanding`, monotone). */
export interface ConcurrencyCurve {
  readonly requestBytes: number;
  readonly knots: readonly ConcurrencyKnot[];
}

/** Total throughput of `outstanding` requests on one curve, bytes/s (rules in the file header). */
export function curveBytesPerSecond(curve: ConcurrencyCurve, outstanding: number): number {
  if (!(outstanding > 0) || !Number.isFinite(outstanding)) throw new RangeError(`invalid outstanding: ${outstanding}`);
  const k = curve.knots;
  const first = k[0];
  const last = k[k.length - 1];
  if (first === undefined || last === undefined)
    throw new RangeError(`curve of ${curve.requestBytes} bytes has no knots`);
  if (outstanding <= first.outstanding) return (first.bytesPerSecond * outstanding) / first.outstanding;
  if (outstanding >= last.outstanding) return last.bytesPerSecond;
  let i = 1;
  while (k[i]!.outstanding < outstanding) i++;
  const a = k[i - 1]!;
  const b = k[i]!;
  return (
    a.bytesPerSecond +
    ((b.bytesPerSecond - a.bytesPerSecond) * (outstanding - a.outstanding)) / (b.outstanding - a.outstanding)
  );
}

/** Seconds one request of `requestBytes` takes while `outstanding` requests are in flight: q · r / T(r, q). */
function curveRequestSeconds(curve: ConcurrencyCurve, requestBytes: number, outstanding: number): number {
  return (outstanding * requestBytes) / curveBytesPerSecond(curve, outstanding);
}

/**
 * Seconds one request of `requestBytes` takes with `outstanding` requests in flight, interpolated over the
 * measured sizes (rules in the file header).
 *
 * @throws {RangeError} no curves, a non-positive size or concurrency.
 */
export function requestSeconds(curves: readonly ConcurrencyCurve[], requestBytes: number, outstanding: number): number {
  if (!(requestBytes > 0)) throw new RangeError(`invalid request size: ${requestBytes} bytes`);
  if (curves.length === 0) throw new RangeError("no concurrency curves");
  const sorted = [...curves].sort((a, b) => a.requestBytes - b.requestBytes);
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  if (requestBytes <= lo.requestBytes) return curveRequestSeconds(lo, lo.requestBytes, outstanding);
  if (requestBytes >= hi.requestBytes) {
    return (requestBytes / hi.requestBytes) * curveRequestSeconds(hi, hi.requestBytes, outstanding);
  }
  let i = 1;
  while (sorted[i]!.requestBytes < requestBytes) i++;
  const a = sorted[i - 1]!;
  const b = sorted[i]!;
  const ta = curveRequestSeconds(a, a.requestBytes, outstanding);
  const tb = curveRequestSeconds(b, b.requestBytes, outstanding);
  const f = (requestBytes - a.requestBytes) / (b.requestBytes - a.requestBytes);
  return ta + (tb - ta) * f;
}
