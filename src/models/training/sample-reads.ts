/**
 * How a rank's sample reads reach the dataset storage's device, for both fidelities and the run estimate: one
 * loader stream's rate cap, the bytes the device moves for a cold sample, and — when the kernel's readahead
 * makes a sample read in several buffered requests read past its end (storage/readahead.ts) — the share of
 * those bytes the device still moves later in the epoch, once over-read samples are found in the page cache.
 *
 * Readahead applies to `access: "random"` with `readaheadBytes` > 0; otherwise nothing changes (sequential streams are already modelled as sample-sized requests). With it, a
 * cold sample moves `W = sampleDeviceReads(…).deviceBytes` in the reads the kernel issues (the sample's first
 * request, then each window), one stream taking `Σ streamSeconds(r_i, r_i)` for those that bring the sample's
 * own pages (a window wholly past its end is read in the background: its bytes load the device, not the
 * reader's time); a read at fraction `f` of the epoch moves `W × share`, where the share
 * (`readaheadDeviceShare`) falls as over-read samples are found cached (and a read whose preceding pages are
 * cached may be read with a context window), for the pattern a = W / sampleBytes − 1, the window and the first
 * request in samples, and the node's share of the epoch's samples (1 / nodes). Readahead applies to a sample
 * read in one request too (context readahead) when the window is larger than the request. The page cache must
 * still hold the over-read (`cachedDeviceShare`).
 *
 * Units: bytes, bytes/s, epoch fractions (0–1).
 */
import { meanReadaheadDeviceShare, overReads, sampleDeviceReads, type OverReadPattern } from "../storage/readahead.ts";
import { streamCap, streamSeconds } from "../storage/request.ts";
import { nodesOf, type TrainingJob } from "./job.ts";
import { readOutstanding } from "./policy.ts";

/** How one loader stream reads a sample. */
export interface SampleReads {
  /** Rate cap of one loader stream, bytes/s: a cold read's device bytes over the time its reads take. */
  readonly streamCap: number;
  /** Bytes the device moves for a cold read of one sample: the sample, plus the readahead past its end. */
  readonly deviceBytes: number;
  /**
   * How the node's reads over-read (`readaheadDeviceShare`'s pattern), or undefined when they move exactly
   * their samples (no readahead, direct I/O, sequential access, or a window no larger than the request); then
   * `deviceBytes` is the sample's and `streamCap` is the one the job had before readahead was modelled, to the bit.
   */
  readonly pattern: OverReadPattern | undefined;
}

/** How `job`'s loader streams read a sample (rules in the file header). */
export function sampleReads(job: TrainingJob): SampleReads {
  const d = job.data;
  const lat = job.dataStorage.latency.read;
  const outstanding = readOutstanding(job);
  // Sequential streams coalesce requests up to the sample.
  const request = d.access === "sequential" ? Math.max(d.maxRequestBytes, d.sampleBytes) : d.maxRequestBytes;
  const plain = streamCap(lat, d.sampleBytes, request, outstanding);
  if (d.access === "random" && d.readaheadBytes > 0) {
    const { reads, deviceBytes } = sampleDeviceReads(d.sampleBytes, d.maxRequestBytes, d.readaheadBytes);
    const pattern: OverReadPattern = {
      a: deviceBytes / d.sampleBytes - 1,
      window: d.readaheadBytes / d.sampleBytes,
      request: Math.min(d.maxRequestBytes, d.sampleBytes) / d.sampleBytes,
      nodeShare: 1 / nodesOf(job),
    };
    if (!overReads(pattern)) return { streamCap: plain, deviceBytes: d.sampleBytes, pattern: undefined };
    if (deviceBytes === d.sampleBytes) return { streamCap: plain, deviceBytes, pattern };
    // The reader waits for the reads that bring its sample's pages; a window wholly past the sample's end is
    // read in the background (the kernel's async readahead) while the reader goes on: its bytes load the
    // device (they are in the flow) but not the reader's time.
    let seconds = 0;
    let start = 0;
    for (const r of reads) {
      if (start < d.sampleBytes) seconds += streamSeconds(lat, r, r, outstanding);
      start += r;
    }
    return { streamCap: seconds > 0 ? deviceBytes / seconds : Infinity, deviceBytes, pattern };
  }
  return { streamCap: plain, deviceBytes: d.sampleBytes, pattern: undefined };
}

/**
 * The device share of a read (`share`, from `readaheadDeviceShare`) once the page cache's size counts: the
 * over-read a later read finds must still be cached. Approximation: an LRU page cache keeps the last
 * `cacheBytes` the node read, and the over-read so far this epoch is spread evenly over the `readSoFarBytes`
 * device bytes the node has read this epoch, so the part in the last `cacheBytes` survives:
 * `1 − (1 − share) × min(1, cacheBytes / readSoFarBytes)`. No cache (0): 1, nothing is kept.
 */
export function cachedDeviceShare(share: number, cacheBytes: number, readSoFarBytes: number): number {
  if (!(cacheBytes > 0)) return 1;
  if (!(readSoFarBytes > cacheBytes)) return share;
  return 1 - (1 - share) * (cacheBytes / readSoFarBytes);
}

/** Bins of the epoch the cached share is integrated over. */
const BINS = 200;
const MAX_CURVES = 256;
const curves = new Map<string, Float64Array>();

/**
 * ∫₀^(i/BINS) of the cached share for over-read `a` and ρ = a whole epoch's cold device bytes / cache: the bytes
 * read so far grow with the share itself, so each bin takes the share of `readaheadDeviceShare` over the bin
 * and the bytes read at its middle (one midpoint correction).
 */
function cachedCurve(a: OverReadPattern, rho: number): Float64Array {
  const key = `${a.a}/${a.window}/${a.request}/${a.nodeShare}/${rho}`;
  const hit = curves.get(key);
  if (hit !== undefined) return hit;
  const cum = new Float64Array(BINS + 1);
  const dg = 1 / BINS;
  const eff = (s: number, u: number): number => (u > 1 ? 1 - (1 - s) / u : s); // u: bytes read so far / cache
  for (let i = 0; i < BINS; i++) {
    const s = meanReadaheadDeviceShare(a, i * dg, (i + 1) * dg);
    const u = rho * cum[i]!;
    const e = eff(s, u + (rho * eff(s, u) * dg) / 2);
    cum[i + 1] = cum[i]! + e * dg;
  }
  if (curves.size >= MAX_CURVES) curves.clear();
  curves.set(key, cum);
  return cum;
}

/**
 * Mean of the cached device share (`cachedDeviceShare` of `readaheadDeviceShare`) over [f0, f1] of an epoch
 * (0 ≤ f0 < f1 ≤ 1), for a node whose reads would move `epochColdBytes` device bytes over the epoch at
 * share 1 (its ranks × samples per rank-epoch × cache misses × `deviceBytes`). 1 without over-read or cache.
 */
export function meanCachedDeviceShare(
  a: OverReadPattern | undefined,
  f0: number,
  f1: number,
  epochColdBytes: number,
  cacheBytes: number,
): number {
  if (a === undefined || !(cacheBytes > 0)) return 1;
  // The node never reads more than the cache holds in the epoch: every over-read byte is still cached.
  if (cacheBytes >= epochColdBytes) return meanReadaheadDeviceShare(a, f0, f1);
  const cum = cachedCurve(a, epochColdBytes / cacheBytes);
  const at = (f: number): number => {
    const x = Math.min(1, Math.max(0, f)) * BINS;
    const i = Math.min(BINS - 1, Math.floor(x));
    return cum[i]! + (cum[i + 1]! - cum[i]!) * (x - i);
  };
  const lo = Math.min(1, Math.max(0, f0));
  const hi = Math.min(1, f1);
  if (!(hi > lo)) {
    const i = Math.min(BINS - 1, Math.floor(lo * BINS));
    return (cum[i + 1]! - cum[i]!) * BINS;
  }
  return (at(hi) - at(lo)) / (hi - lo);
}

/** Whether the reads over-read (a readahead pattern is known). */
export const hasOverReads = (r: SampleReads): r is SampleReads & { readonly pattern: OverReadPattern } =>
  r.pattern !== undefined;
