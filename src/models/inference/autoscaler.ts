/**
 * The autoscaling policy (Knative/KServe-style concurrency target), as pure arithmetic and a small window:
 * - wanted replicas = requests in flight (being served or queued) ÷ the target concurrency per replica,
 *   rounded up and kept within [min, max];
 * - scale-up happens at once (at an arrival), each new replica a cold start;
 * - scale-down happens only after the wanted count has stayed below the serving replicas for the whole
 *   scale-down delay; then it goes down to the most wanted during that window (Knative's stable window),
 *   by draining replicas (no new requests; stopped when their last request ends).
 * The autoscaler observes every tick (2 s, Knative's default tick [M]) and at every arrival.
 */

/** Seconds between autoscaler observations for scale-down, µs. */
export const AUTOSCALER_TICK_US = 2_000_000;

/**
 * Replicas wanted for `inFlight` requests at `target` requests per replica, clamped to [min, max].
 * @throws RangeError on a non-positive target or min > max.
 */
export function desiredReplicas(inFlight: number, target: number, min: number, max: number): number {
  if (!(target > 0)) throw new RangeError(`invalid target concurrency: ${target}`);
  if (!(min <= max)) throw new RangeError(`invalid replica bounds: min ${min} > max ${max}`);
  return Math.min(max, Math.max(min, Math.ceil(inFlight / target)));
}

/** The scale-down window: when the wanted count has been below the serving count for the delay. */
export class ScaleDownWindow {
  private since = -1;
  private most = 0;

  /** @param delayUs the scale-down delay (stable window), µs. */
  constructor(private readonly delayUs: number) {}

  /**
   * Observes `desired` against `serving` replicas at `now` (µs). Returns the count to scale down to when the
   * wanted count has stayed below `serving` for the delay (and starts a new window), else undefined.
   */
  observe(now: number, desired: number, serving: number): number | undefined {
    if (desired >= serving) {
      this.since = -1;
      return undefined;
    }
    if (this.since < 0) {
      this.since = now;
      this.most = desired;
      return undefined;
    }
    this.most = Math.max(this.most, desired);
    if (now - this.since < this.delayUs) return undefined;
    const to = this.most;
    this.since = -1;
    return to;
  }
}
