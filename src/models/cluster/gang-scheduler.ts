/**
 * The gang scheduler: jobs arrive (ARRIVE class at their submit time), wait in a queue, and start only when
 * all their GPUs are free at once (gang-placement.ts). Decisions run once per instant in the DECIDE class,
 * after the instant's releases and arrivals, so a GPU freed at t is visible to a job arriving at t
 * (docs/time-and-ordering.md).
 *
 * Policies: the queue is ordered FIFO (submit time, then submission order) or by priority (higher first, then
 * FIFO). Without backfill the order is strict: while the head does not fit, nothing starts (so under FIFO the
 * start order is the submit order). With backfill (EASY, easy-backfill.ts) a later job starts now when it fits
 * and does not delay the head's reservation, judged with each job's estimated duration.
 *
 * Accounting: every change of free GPUs is reported to `onFreeChange` (e.g. the unallocated-GPU meter).
 * Invariants, checked at every change: free GPUs per node stay within [0, capacity]; a gang is released once.
 *
 * Units: µs.
 */
import type { Engine } from "../../sim/engine.ts";
import { SimInvariantError } from "../../sim/errors.ts";
import { Priority } from "../../sim/priority.ts";
import type { Cluster } from "./cluster.ts";
import { backfillAllowed, shadowTime, type RunningGang } from "./easy-backfill.ts";
import { fitsEmpty, placeGang, type GangRequest, type Placement } from "./gang-placement.ts";

/** How the queue is served. */
export interface SchedulingPolicy {
  readonly order: "fifo" | "priority";
  /** EASY backfill behind the head's reservation. */
  readonly backfill: boolean;
}

/** A job as the scheduler sees it. */
export interface GangJob {
  readonly name: string;
  /** When it is submitted, µs (≥ the engine's now at `submit`). */
  readonly submitUs: number;
  /** Higher runs first under the priority policy (default 0 in scenarios). */
  readonly priority: number;
  readonly request: GangRequest;
  /** Estimated run time for backfill, µs. */
  readonly estimateUs: number;
  /** Starts the job's work at `placement` now; it must call `release()` once when it ends. */
  readonly launch: (placement: Placement, release: () => void) => void;
}

/** What happened to one job. */
export interface GangRecord {
  readonly name: string;
  readonly submitUs: number;
  /** −1 until started. */
  startUs: number;
  /** −1 until ended. */
  endUs: number;
  placement: Placement | undefined;
}

interface Queued {
  readonly job: GangJob;
  readonly seq: number;
  readonly record: GangRecord;
}

/** Gang scheduling of jobs on a cluster's GPUs. */
export class GangScheduler {
  /** One record per submitted job, in submission order. */
  readonly records: GangRecord[] = [];
  private readonly free: number[];
  private readonly queue: Queued[] = [];
  private readonly running: (RunningGang & { readonly q: Queued })[] = [];
  private deciding = false;
  private seq = 0;

  /** @param onFreeChange called after every change with the free GPUs per node (a copy is not made). */
  constructor(
    private readonly engine: Engine,
    private readonly cluster: Cluster,
    private readonly policy: SchedulingPolicy,
    private readonly onFreeChange: (nowUs: number, free: readonly number[]) => void = () => {},
  ) {
    this.free = cluster.nodes.map((n) => n.gpus);
  }

  /** Free GPUs per node now. */
  freeGpus(): readonly number[] {
    return this.free;
  }

  /** Jobs submitted and not yet started. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Submits a job; it joins the queue at its submit time.
   * @throws RangeError when it could not fit the cluster even with every GPU free, or is submitted in the past.
   */
  submit(job: GangJob): GangRecord {
    if (!fitsEmpty(this.cluster, job.request)) {
      throw new RangeError(
        `job ${job.name} never fits the cluster: ${job.request.perNode.join("+")} GPUs on nodes of one zone` +
          (job.request.zones ? ` in ${job.request.zones.join(", ")}` : "") +
          (job.request.pools ? ` of pools ${job.request.pools.join(", ")}` : ""),
      );
    }
    if (!(job.submitUs >= this.engine.now))
      throw new RangeError(`job ${job.name} submitted in the past: ${job.submitUs}us`);
    const record: GangRecord = { name: job.name, submitUs: job.submitUs, startUs: -1, endUs: -1, placement: undefined };
    this.records.push(record);
    const q: Queued = { job, seq: this.seq++, record };
    this.engine.postAt(job.submitUs, Priority.ARRIVE, () => {
      this.queue.push(q);
      this.requestDecision();
    });
    return record;
  }

  private requestDecision(): void {
    if (this.deciding) return;
    this.deciding = true;
    this.engine.post(0, Priority.DECIDE, () => {
      this.deciding = false;
      this.decide();
    });
  }

  private ordered(): Queued[] {
    const byFifo = (a: Queued, b: Queued) => a.job.submitUs - b.job.submitUs || a.seq - b.seq;
    return this.policy.order === "fifo"
      ? [...this.queue].sort(byFifo)
      : [...this.queue].sort((a, b) => b.job.priority - a.job.priority || byFifo(a, b));
  }

  private decide(): void {
    const now = this.engine.now;
    for (;;) {
      const order = this.ordered();
      const head = order[0];
      if (head === undefined) return;
      const p = placeGang(this.cluster, this.free, head.job.request);
      if (p !== undefined) {
        this.start(head, p);
        continue;
      }
      if (!this.policy.backfill) return;
      const reserved = shadowTime(this.cluster, this.free, this.running, head.job.request, now);
      for (const c of order.slice(1)) {
        const pc = placeGang(this.cluster, this.free, c.job.request);
        if (pc === undefined) continue;
        const ok = backfillAllowed(
          this.cluster,
          this.free,
          this.running,
          head.job.request,
          now,
          reserved,
          pc,
          c.job.estimateUs,
        );
        if (ok) this.start(c, pc);
      }
      return;
    }
  }

  private start(q: Queued, p: Placement): void {
    const now = this.engine.now;
    this.queue.splice(this.queue.indexOf(q), 1);
    this.take(p, -1);
    q.record.startUs = now;
    q.record.placement = p;
    const gang = { placement: p, endUs: now + q.job.estimateUs, q };
    this.running.push(gang);
    let released = false;
    q.job.launch(p, () => {
      if (released) throw new SimInvariantError(`job ${q.job.name} released twice`);
      released = true;
      this.running.splice(this.running.indexOf(gang), 1);
      q.record.endUs = this.engine.now;
      this.take(p, +1);
      this.requestDecision();
    });
  }

  /** Adds `sign × gpus` of the placement to the free GPUs, checking the bounds. */
  private take(p: Placement, sign: 1 | -1): void {
    p.nodes.forEach((n, k) => {
      const f = this.free[n]! + sign * p.gpus[k]!;
      if (f < 0 || f > this.cluster.nodes[n]!.gpus) {
        throw new SimInvariantError(`free gpus of node ${this.cluster.nodes[n]!.name} out of range: ${f}`);
      }
      this.free[n] = f;
    });
    this.onFreeChange(this.engine.now, this.free);
  }
}
