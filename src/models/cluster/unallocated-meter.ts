/**
 * Unallocated GPU time: the GPUs of each node that no job holds, integrated exactly over time from the
 * scheduler's changes (a step function of free GPUs), in total, per node, and binned over time in the
 * `unallocated` channel of a series laid out like a job's GPU timeline (channels in `CAUSES` order), so it
 * merges with the jobs' timelines and every bin of the cluster still sums to its GPUs × bin width.
 *
 * Units: GPU-µs; times in µs.
 */
import { BinnedSeries } from "../timeline/binned-series.ts";
import { CAUSES } from "../gpu-time.ts";

const UNALLOCATED = CAUSES.indexOf("unallocated");

/** Integrates free GPUs per node over time. */
export class UnallocatedMeter {
  /** GPU-µs unallocated per node so far (up to the last update). */
  readonly perNode: number[];
  /** Channels in `CAUSES` order; only `unallocated` is used. */
  readonly series = new BinnedSeries(CAUSES.length);
  private free: number[];
  private lastUs: number;

  /** @param gpus GPUs per node, all free at `startUs`. */
  constructor(gpus: readonly number[], startUs = 0) {
    this.free = [...gpus];
    this.perNode = gpus.map(() => 0);
    this.lastUs = startUs;
  }

  /**
   * Free GPUs changed to `free` at `nowUs`: what was free since the last change is charged up to now.
   * @throws RangeError when time goes backwards.
   */
  update(nowUs: number, free: readonly number[]): void {
    this.advance(nowUs);
    this.free = [...free];
  }

  /** Charges up to `endUs` and returns the total, GPU-µs. */
  finish(endUs: number): number {
    this.advance(endUs);
    return this.perNode.reduce((a, b) => a + b, 0);
  }

  private advance(nowUs: number): void {
    if (nowUs < this.lastUs) throw new RangeError(`time going backwards: ${nowUs}us < ${this.lastUs}us`);
    const dt = nowUs - this.lastUs;
    if (dt === 0) return;
    let sum = 0;
    this.free.forEach((f, n) => {
      this.perNode[n]! += f * dt;
      sum += f;
    });
    if (sum > 0) this.series.add(UNALLOCATED, sum * dt, this.lastUs, nowUs);
    this.lastUs = nowUs;
  }
}
