/**
 * Per-request service time of an LLM serving replica. Pure functions.
 *
 * Model: a request is a prefill (the prompt, compute-bound) then `tokens` decode steps (memory-bound at
 * small batch: every step reads all weights once). On a whole GPU
 *   prefill = 2 · parameters · promptTokens / (BF16 FLOP/s · MFU)          [D, MFU 0.4 [M]]
 *   perToken = weight bytes / (memory bandwidth · efficiency)              [D, efficiency 0.8 [M]]
 * unless the scenario gives them. On a MIG instance prefill is divided by its compute share `g/7` (SM
 * fraction) and each decode step by its memory share `m/8` (memory slices bring their own DRAM bandwidth,
 * domain-facts §5.4). Time to first token = queueing (+ the wait for a cold replica) + prefill.
 *
 * Batching simplification [M]: a replica serves up to `concurrency` requests at once, each at the speed
 * above (an ideal batch: decode steps of a small batch cost about what one does). Beyond that, requests queue.
 */

/** Model FLOP utilisation assumed for prefill: torchtitan's Llama-3.1-8B on H100 ran at 33–39% MFU (training). */
export const DEFAULT_PREFILL_MFU = 0.4;
/** Fraction of peak memory bandwidth a decode step reaches. */
export const DEFAULT_DECODE_EFFICIENCY = 0.8;

/** How requests are served, for a whole GPU. */
export interface ServiceModel {
  /** Prefill of one request on a whole GPU, µs. */
  readonly prefillUs: number;
  /** One decode step (output token) on a whole GPU, µs. */
  readonly perTokenUs: number;
  /** Mean output tokens per request. */
  readonly outputTokens: number;
  /** `fixed`: every request has `outputTokens`; `exponential`: drawn with that mean (continuous). */
  readonly outputDistribution: "fixed" | "exponential";
}

/**
 * Default prefill time on a whole GPU, µs: `2 · parameters · promptTokens / (flops · mfu)`, rounded up.
 * @throws RangeError on a non-positive FLOP rate or MFU.
 */
export function defaultPrefillUs(parameters: number, promptTokens: number, flops: number, mfu = DEFAULT_PREFILL_MFU) {
  if (!(flops > 0 && mfu > 0)) throw new RangeError(`invalid prefill throughput: ${flops} FLOP/s × ${mfu}`);
  return Math.ceil(((2 * parameters * promptTokens) / (flops * mfu)) * 1e6);
}

/**
 * Default decode step on a whole GPU, µs: `weightBytes / (memory bytes/s · efficiency)`, rounded up.
 * @throws RangeError on a non-positive bandwidth or efficiency.
 */
export function defaultPerTokenUs(
  weightBytes: number,
  memoryBytesPerSecond: number,
  efficiency = DEFAULT_DECODE_EFFICIENCY,
) {
  if (!(memoryBytesPerSecond > 0 && efficiency > 0)) {
    throw new RangeError(`invalid decode bandwidth: ${memoryBytesPerSecond} B/s × ${efficiency}`);
  }
  return Math.ceil((weightBytes / (memoryBytesPerSecond * efficiency)) * 1e6);
}

/** Prefill on an instance with compute share `share` (0–1], µs (rounded to the nearest µs). */
export function prefillOn(m: ServiceModel, share: number): number {
  return Math.round(m.prefillUs / share);
}

/** Decode of `tokens` output tokens on an instance with memory share `share` (0–1], µs (nearest µs). */
export function decodeOn(m: ServiceModel, tokens: number, share: number): number {
  return Math.round((tokens * m.perTokenUs) / share);
}
