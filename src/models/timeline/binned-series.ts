/**
 * A binned time series: a fixed number of equal bins per channel, starting at time 0, into which quantities
 * spread over intervals are integrated exactly. When something lands beyond the last bin, the bin width
 * doubles (adjacent pairs merge) until it fits, so memory stays `channels × bins` however long the run.
 *
 * Bin widths are powers of two µs (1, 2, 4, … µs), so bin edges are integer µs and any two series nest: a
 * narrower series coarsens to a wider one's width exactly (each wide bin is the sum of whole narrow bins).
 * That is how series recorded separately (per job, per checkpoint segment) merge onto one axis.
 *
 * An amount spread over `[from, to)` goes to each bin in proportion to its overlap with the interval (a
 * constant rate); the last piece takes the remainder, so a channel's bins always sum to what was added,
 * within float rounding. A zero-length interval at t counts in the µs before t (the first µs at t = 0).
 *
 * Units: the caller's (GPU-µs, bytes, …) per bin; times in µs.
 */

/** Default number of bins. */
export const DEFAULT_BINS = 256;

/** Per-channel sums over bins of equal width, with width doubling. */
export class BinnedSeries {
  private width = 1;
  private data: Float64Array;
  private empty = true;
  private extent = 0;

  /**
   * @param channels number of channels (≥ 1).
   * @param bins bins per channel: an even number ≥ 2 (default 256).
   * @throws RangeError on a bad channel or bin count.
   */
  constructor(
    readonly channels: number,
    readonly bins: number = DEFAULT_BINS,
  ) {
    if (!(Number.isInteger(channels) && channels >= 1)) throw new RangeError(`invalid channel count: ${channels}`);
    if (!(Number.isInteger(bins) && bins >= 2 && bins % 2 === 0)) {
      throw new RangeError(`invalid bin count: ${bins} (an even number ≥ 2)`);
    }
    this.data = new Float64Array(channels * bins);
  }

  /** Width of every bin, µs (a power of two). */
  get widthUs(): number {
    return this.width;
  }

  /** The time range the bins cover, `[0, spanUs)`, µs. */
  get spanUs(): number {
    return this.width * this.bins;
  }

  /** The latest end of anything added, µs (0 when empty). */
  get endUs(): number {
    return this.extent;
  }

  /**
   * Adds `amount` spread evenly over `[fromUs, toUs)` to `channel`, widening the bins first if needed.
   * @throws RangeError on a non-integer or negative time, `toUs < fromUs`, or an unknown channel.
   */
  add(channel: number, amount: number, fromUs: number, toUs: number): void {
    if (!(Number.isSafeInteger(fromUs) && Number.isSafeInteger(toUs) && fromUs >= 0 && toUs >= fromUs)) {
      throw new RangeError(`invalid interval: [${fromUs}, ${toUs})us`);
    }
    if (!(channel >= 0 && channel < this.channels && Number.isInteger(channel))) {
      throw new RangeError(`invalid channel: ${channel}`);
    }
    if (amount === 0) return;
    if (toUs === fromUs) {
      fromUs = Math.max(0, fromUs - 1);
      toUs = fromUs + 1;
    }
    this.fit(toUs);
    if (toUs > this.extent) this.extent = toUs;
    this.empty = false;
    const w = this.width;
    const d = this.data;
    const base = channel * this.bins;
    const first = Math.floor(fromUs / w);
    const last = Math.ceil(toUs / w) - 1;
    if (first === last) {
      d[base + first]! += amount;
      return;
    }
    const perUs = amount / (toUs - fromUs);
    let rest = amount;
    let piece = perUs * ((first + 1) * w - fromUs);
    d[base + first]! += piece;
    rest -= piece;
    piece = perUs * w;
    for (let b = first + 1; b < last; b++) {
      d[base + b]! += piece;
      rest -= piece;
    }
    d[base + last]! += rest;
  }

  /**
   * Widens the bins (merging adjacent pairs) until they are `widthUs` wide.
   * @throws RangeError when `widthUs` is not the current width times a power of two.
   */
  coarsenTo(widthUs: number): void {
    let w = this.width;
    while (w < widthUs) w *= 2;
    if (w !== widthUs) throw new RangeError(`invalid bin width: ${widthUs}us (bins are ${this.width}us wide)`);
    if (this.empty) {
      this.width = widthUs;
      return;
    }
    while (this.width < widthUs) this.double();
  }

  /**
   * Adds `scale ×` channel `sourceChannel` of `source` into `channel`, bin by bin. Both series are first
   * coarsened to the wider of their widths (`source` is modified only that way).
   * @throws RangeError on series with different bin counts or an unknown channel.
   */
  addChannel(channel: number, source: BinnedSeries, sourceChannel: number, scale = 1): void {
    if (source.bins !== this.bins) throw new RangeError(`bin counts differ: ${source.bins} vs ${this.bins}`);
    if (!(channel >= 0 && channel < this.channels)) throw new RangeError(`invalid channel: ${channel}`);
    if (!(sourceChannel >= 0 && sourceChannel < source.channels)) {
      throw new RangeError(`invalid channel: ${sourceChannel}`);
    }
    if (source.empty) return;
    const w = Math.max(this.width, source.width);
    this.coarsenTo(w);
    source.coarsenTo(w);
    const n = this.bins;
    const d = this.data;
    const s = source.data;
    const base = channel * n;
    const sBase = sourceChannel * n;
    for (let b = 0; b < n; b++) d[base + b]! += scale * s[sBase + b]!;
    this.empty = false;
    if (source.extent > this.extent) this.extent = source.extent;
  }

  /** Multiplies every bin of `channel` by `factor`. */
  scale(channel: number, factor: number): void {
    const base = channel * this.bins;
    for (let b = 0; b < this.bins; b++) this.data[base + b]! *= factor;
  }

  /** The value of `channel` in bin `bin`. */
  value(channel: number, bin: number): number {
    return bin >= 0 && bin < this.bins ? this.data[channel * this.bins + bin]! : 0;
  }

  /** The first `count` bins of `channel` as a plain array (zeros beyond the last bin). */
  values(channel: number, count: number = this.bins): number[] {
    const out = new Array<number>(count);
    for (let b = 0; b < count; b++) out[b] = this.value(channel, b);
    return out;
  }

  /** Sum of `channel` over all bins. */
  sum(channel: number): number {
    let s = 0;
    const base = channel * this.bins;
    for (let b = 0; b < this.bins; b++) s += this.data[base + b]!;
    return s;
  }

  /** Widens the bins until `[0, endUs)` fits. */
  private fit(endUs: number): void {
    if (endUs <= this.width * this.bins) return;
    if (this.empty) {
      while (endUs > this.width * this.bins) this.width *= 2;
      return;
    }
    while (endUs > this.width * this.bins) this.double();
  }

  /** Doubles the bin width: bin i becomes bins 2i and 2i + 1 of before. */
  private double(): void {
    const n = this.bins;
    const half = n / 2;
    const d = this.data;
    for (let c = 0; c < this.channels; c++) {
      const base = c * n;
      for (let i = 0; i < half; i++) d[base + i] = d[base + 2 * i]! + d[base + 2 * i + 1]!;
      d.fill(0, base + half, base + n);
    }
    this.width *= 2;
  }
}
