/**
 * Kernel readahead on buffered reads: what the device reads when a loader reads one sample of `sampleBytes`
 * at a random (cold) offset in consecutive requests of `requestBytes`, with the page cache's readahead
 * window capped at `readaheadBytes` (Linux: /sys/block/DEV/queue/read_ahead_kb; 128 KiB by default, often
 * raised to MiBs). The first request is a lone random read and is read as is; the second is sequential and
 * opens a window; reading into a window's marked page starts the next, larger window ahead of the reader.
 * Windows opened near the sample's end read past it: bytes the device moves for nothing unless a later
 * sample happens to lie there (`readaheadDeviceShare`, which also counts context readahead: a read whose
 * preceding pages are cached is taken for a stream). A sample read in one request never triggers readahead.
 *
 * The emulation follows Linux's on-demand readahead (mm/readahead.c, 6.x): the first window is
 * `get_init_ra_size` (request rounded up to a power of two, ×4 when at most 1/32 of the cap, ×2 when at most
 * 1/4, else the cap) with its marker `size − request` pages in (half the window when that is 0); each marker
 * hit opens a window of `get_next_ra_size` (×4 below 1/16 of the cap, ×2 up to 1/2, else the cap; never
 * smaller than the last) starting where the last one ended, with its marker on its first page; a request
 * larger than the cap raises the cap to the request. 4 KiB pages. Large-folio rounding of the markers is
 * left out.
 *
 * Checked against the device bytes measured on kernel 6.18 (virtio disk, /proc/diskstats, one cold sample at
 * a time; test/models/storage/readahead.test.ts): 15 of 18 (sample, request, cap) combinations exact; the
 * three others are small requests under a small cap, where it over-counts by 6 %, 7 % and 29 %.
 */

import { RandomStreams } from "../../sim/random.ts";

const PAGE = 4096;

/** Device reads for one sample. */
export interface SampleDeviceReads {
  /** Device reads in the order issued, bytes: the sample's first request, then each readahead window. */
  readonly reads: readonly number[];
  /** Sum of `reads`: bytes the device moves for the sample (≥ the sample's own bytes). */
  readonly deviceBytes: number;
}

function roundupPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function initialWindow(request: number, cap: number): number {
  const n = roundupPow2(request);
  if (n <= cap / 32) return n * 4;
  if (n <= cap / 4) return n * 2;
  return cap;
}

function nextWindow(size: number, cap: number): number {
  if (size < cap / 16) return 4 * size;
  if (size <= cap / 2) return 2 * size;
  return cap;
}

/** The cap for a request of `request` pages: the request itself when it is larger than the window. */
const capFor = (cap: number, request: number): number => (request > cap ? request : cap);

/**
 * What the device reads for one sample (rules in the file header). `readaheadBytes` 0 (direct I/O, or
 * readahead off) or a sample read in one request: the sample's requests only.
 *
 * @throws {RangeError} a non-positive size or request, or a negative window.
 */
export function sampleDeviceReads(
  sampleBytes: number,
  requestBytes: number,
  readaheadBytes: number,
): SampleDeviceReads {
  if (!(sampleBytes > 0)) throw new RangeError(`invalid sample size: ${sampleBytes} bytes`);
  if (!(requestBytes > 0)) throw new RangeError(`invalid request size: ${requestBytes} bytes`);
  if (!(readaheadBytes >= 0)) throw new RangeError(`invalid readahead window: ${readaheadBytes} bytes`);
  const pages = Math.ceil(sampleBytes / PAGE);
  const req = Math.max(1, Math.ceil(Math.min(requestBytes, sampleBytes) / PAGE));
  const cap = Math.floor(readaheadBytes / PAGE);
  if (cap === 0 || req >= pages) {
    const n = Math.ceil(sampleBytes / Math.min(requestBytes, sampleBytes));
    const reads = Array.from({ length: n }, (_, i) => Math.min(requestBytes, sampleBytes - i * requestBytes));
    return { reads, deviceBytes: sampleBytes };
  }
  const reads: number[] = [req];
  let cachedEnd = req; // pages [0, cachedEnd) are in the page cache (windows are contiguous)
  let start = 0;
  let size = 0;
  let marker = -1; // the page whose read opens the next window (-1: none)
  for (let c = req; c < pages; c += req) {
    const end = Math.min(pages, c + req);
    let i = c;
    while (i < end) {
      if (i >= cachedEnd) {
        // A sequential miss: open the first window at i.
        const request = end - i;
        const k = capFor(cap, request);
        start = i;
        size = initialWindow(request, k);
        const async = size > request ? size - request : size >> 1;
        marker = start + size - async;
        reads.push(size);
        cachedEnd = start + size;
        continue;
      }
      const stop = Math.min(end, cachedEnd);
      if (marker >= i && marker < stop) {
        // Reading the marked page opens the next window where the last one ended.
        i = marker;
        const k = capFor(cap, end - i);
        start += size;
        size = Math.max(size, nextWindow(size, k));
        marker = start;
        reads.push(size);
        cachedEnd = start + size;
        i++;
        continue;
      }
      i = stop;
    }
  }
  const bytes = reads.map((p) => p * PAGE);
  // The sample's own bytes need not be a whole number of pages: the device reads whole pages.
  return { reads: bytes, deviceBytes: bytes.reduce((a, b) => a + b, 0) };
}

/**
 * How a node's buffered reads of one epoch over-read, in sample units — what the device-share curve depends on
 * (not on the dataset's size).
 */
export interface OverReadPattern {
  /** Over-read past the sample's end of a cold read (`deviceBytes / sampleBytes − 1`, `sampleDeviceReads`). */
  readonly a: number;
  /** The readahead window ÷ the sample size (0: no context readahead, see `readaheadDeviceShare`). */
  readonly window: number;
  /** The sample's first request ÷ the sample size (≤ 1). */
  readonly request: number;
  /** Share of the dataset's samples this node reads in an epoch (1 / nodes when each epoch spreads it). */
  readonly nodeShare: number;
}

/** Resolution of the device-share curve: epoch fractions, sample slots, parts of a slot. */
const GRID = 100;
const SLOTS = 50_000;
const PARTS = 32;
const curves = new Map<string, Float64Array>();
/** The over-read simulation's own random stream (seeded once: the curve is a property of the pattern, not of a run). */
const OVERREAD_STREAMS = new RandomStreams("stallsim");

/** Rounds to 1/64 (curves are memoised per rounded pattern). */
const r64 = (x: number): number => Math.round(x * 64) / 64;

/**
 * The integral of the device-share curve for a pattern: entry i is ∫₀^(i/GRID) share(f) df, the device parts
 * of the node's first i/GRID of the epoch's reads ÷ (1 + a) parts per cold read ÷ the reads. Computed once
 * per (rounded) pattern by replaying an epoch: SLOTS sample slots on a ring, of which the node reads a random
 * `nodeShare` in shuffled order (fixed seed). Each read:
 * - context readahead (Linux `page_cache_sync_ra`): when the sample's first page is not cached but the pages
 *   just before it are, for longer than its first request, the kernel takes it for a stream and reads
 *   min(that run + the request, the window) from the sample's start — past its end when that is longer;
 * - then the sample's parts still not cached, and an over-read of a·(share of the sample read here) slots
 *   past its end (the kernel opens a window on an uncached tail, smaller than on a whole sample; the window
 *   sizes of a tail are not emulated);
 * - the device reads no page twice: over-reads stop at cached parts.
 */
function shareCurve(p: OverReadPattern): Float64Array {
  const q = { a: r64(p.a), window: r64(p.window), request: r64(p.request), share: r64(p.nodeShare) };
  const key = `${q.a}/${q.window}/${q.request}/${q.share}`;
  const hit = curves.get(key);
  if (hit !== undefined) return hit;
  const rng = OVERREAD_STREAMS.copy("readahead-overread");
  const all = new Uint32Array(SLOTS);
  for (let i = 0; i < SLOTS; i++) all[i] = i;
  for (let i = SLOTS - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = all[i]!;
    all[i] = all[j]!;
    all[j] = t;
  }
  // The node's reads: the first share of a shuffled order is a random subset, itself in random order.
  const reads = Math.max(GRID, Math.round(SLOTS * Math.min(1, Math.max(q.share, 1e-3))));
  const units = SLOTS * PARTS;
  const over = q.a * PARTS;
  const window = Math.round(q.window * PARTS);
  const request = Math.max(1, Math.round(q.request * PARTS));
  const covered = new Uint8Array(units);
  const cum = new Float64Array(GRID + 1);
  let sum = 0;
  let bin = 1;
  let carry = 0;
  const cover = (j: number): number => {
    const u = ((j % units) + units) % units;
    if (covered[u] !== 0) return 0;
    covered[u] = 1;
    return 1;
  };
  for (let k = 0; k < reads; k++) {
    const base = all[k]! * PARTS;
    let device = 0;
    let windowParts = 0; // parts of the sample a context window brought
    if (window > 0 && covered[base] === 0) {
      let run = 0;
      while (run < window && covered[(base - 1 - run + units) % units] !== 0) run++;
      if (run > request) {
        const size = Math.min(run + request, window);
        for (let u = 0; u < size; u++) device += cover(base + u);
        windowParts = Math.min(size, PARTS);
      }
    }
    let c = 0;
    for (let u = windowParts; u < PARTS; u++) c += covered[base + u]!;
    const rest = PARTS - windowParts - c; // parts of the sample read by its own requests
    for (let u = windowParts; u < PARTS; u++) device += cover(base + u);
    // Whole parts, the fractions carried to the next read so that the mean over-read is exact.
    carry += (over * rest) / PARTS;
    const n = Math.floor(carry);
    carry -= n;
    for (let u = 1; u <= n; u++) device += cover(base + PARTS - 1 + u);
    sum += device / (PARTS + over);
    while (bin <= GRID && k + 1 >= (bin * reads) / GRID) cum[bin++] = sum / reads;
  }
  curves.set(key, cum);
  return cum;
}

/** ∫₀^f share at fraction f (linear between grid points). */
function integralAt(cum: Float64Array, f: number): number {
  const x = Math.min(1, Math.max(0, f)) * GRID;
  const i = Math.min(GRID - 1, Math.floor(x));
  return cum[i]! + (cum[i + 1]! - cum[i]!) * (x - i);
}

/** True when the pattern moves anything but the samples (then the curve is needed). */
export function overReads(p: OverReadPattern): boolean {
  return p.a > 0 || p.window > p.request;
}

/**
 * What the device reads for the sample read at fraction `f` (0–1) of the node's epoch, as a share of what a
 * cold read moves (the sample plus its over-read, `sampleDeviceReads`). Samples are read once per epoch in
 * shuffled order and stay in the page cache; each read over-reads the slots after its end, so a later sample
 * may be found there whole or in part, a later over-read stops short of pages already cached (the kernel does
 * not read them again), and a sample whose preceding pages are cached may be read with a context window
 * (`shareCurve`). The share starts at 1 and falls as the epoch goes on; a context window can push a read above
 * 1. On one node the device reads every byte once over a whole epoch (mean share 1/(1 + a)); on several, the
 * over-read into other nodes' samples is lost. Computed once per pattern by replaying one shuffled epoch over
 * 50,000 slots. Checked against the replay on this VM (4 MiB samples in 1 MiB requests, 8 MiB readahead,
 * a = 2.75): test/models/storage/readahead.test.ts.
 */
export function readaheadDeviceShare(p: OverReadPattern, f: number): number {
  if (!overReads(p) || !(f > 0)) return 1;
  const cum = shareCurve(p);
  // The mean over ±2.5 % of the epoch around f (≥ 1,250 reads at one node: noise ≈ 0.01), narrowed near the
  // epoch's ends so that the share tends to its value there (1 at the start), never below one bin.
  const w = Math.max(0.5 / GRID, Math.min(0.025, f, 1 - f));
  const f0 = Math.max(0, f - w);
  const f1 = Math.min(1, f + w);
  return (integralAt(cum, f1) - integralAt(cum, f0)) / (f1 - f0);
}

/** Mean of `readaheadDeviceShare(p, ·)` over [f0, f1] (0 ≤ f0 < f1 ≤ 1). */
export function meanReadaheadDeviceShare(p: OverReadPattern, f0: number, f1: number): number {
  if (!overReads(p)) return 1;
  if (!(f1 > f0)) return readaheadDeviceShare(p, f0);
  const cum = shareCurve(p);
  return (integralAt(cum, f1) - integralAt(cum, f0)) / (f1 - f0);
}
