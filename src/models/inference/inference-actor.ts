/**
 * A serving workload on an engine, a fluid network and a storage fabric: requests arrive, queue FIFO and
 * are served by warm replicas; the autoscaler starts cold replicas (start-up, then the model load as a
 * flow through the SAME fabric as training: the node's NIC, remote-disk cap, volume and backend ceilings,
 * plus the GPU's PCIe link, which its MIG instances share) and stops idle ones. Several workloads (or,
 * later, a shared cluster) may share one engine and fabric: each uses its pool's node indices and its own
 * named random streams (`STREAMS/arrivals`, `STREAMS/arrival-phases`, `STREAMS/output-tokens`, STREAMS being
 * the workload's name unless it shares another's traffic).
 *
 * Event classes: arrivals ARRIVE; the autoscaler DECIDE (once per instant, after the arrivals); service
 * ends COMPLETE; start-up ends NORMAL; the workload ends at its duration in SAMPLE, after everything else
 * at that instant, aborting loads in flight. Dispatch: a request goes to the warm replica with a free slot
 * and the fewest requests (lowest index on ties), else it queues; a freed slot takes the queue's head.
 *
 * Autoscaling (autoscaler.ts): scale-up at arrivals, scale-down on a 2 s tick by draining replicas.
 * Accounting: every replica charges its state's cause (replica.ts) in compute-slice-µs; serving-stats.ts
 * turns the ledger into GPU-µs, the rest of the pool being `unallocated`.
 */
import type { Engine } from "../../sim/engine.ts";
import type { FluidNetwork } from "../../sim/fluid-network.ts";
import { Priority } from "../../sim/priority.ts";
import type { RandomStream } from "../../sim/random.ts";
import type { StorageFabric } from "../storage/fabric.ts";
import { createArrivals, type ArrivalProcess } from "./arrivals/arrival-process.ts";
import { AUTOSCALER_TICK_US, desiredReplicas, ScaleDownWindow } from "./autoscaler.ts";
import { ModelLoader } from "./model-loader.ts";
import type { InferenceOutcome } from "./outcome.ts";
import { Replica } from "./replica.ts";
import { decodeOn, prefillOn } from "./service-time.ts";
import { ServingStats } from "./serving-stats.ts";
import { checkWorkload, type InferenceWorkload } from "./workload.ts";
import { RequestQueue, type QueuedRequest as Request } from "./request-queue.ts";

/**
 * The workload's own copy of the traffic stream `streams/name` of the run's seed: workloads sharing a traffic
 * name each replay the same sequence (one shared stream object would interleave their draws).
 */
function traffic(engine: Engine, w: InferenceWorkload, name: string): RandomStream {
  return engine.randomCopy(`${w.streams}/${name}`);
}

/** Simulates one workload from `engine.now` (which must be 0: durations are absolute). */
export class InferenceActor {
  private readonly arrivals: ArrivalProcess;
  private readonly tokensRng: RandomStream;
  private readonly stats = new ServingStats();
  private readonly live: Replica[] = [];
  private readonly slotUsed: boolean[];
  private readonly loader: ModelLoader;
  private readonly queue = new RequestQueue();
  private ended = false;
  private decidePending = false;
  private readonly window: ScaleDownWindow;
  private done: ((o: InferenceOutcome) => void) | undefined;
  /** @throws RangeError when the workload fails `checkWorkload` (workload.ts). */
  constructor(
    private readonly engine: Engine,
    net: FluidNetwork,
    fabric: StorageFabric,
    private readonly w: InferenceWorkload,
  ) {
    checkWorkload(w);
    const slots = w.pool.slots.length;
    this.slotUsed = new Array<boolean>(slots).fill(false);
    this.arrivals = createArrivals(w.arrivals, traffic(engine, w, "arrivals"), traffic(engine, w, "arrival-phases"));
    this.tokensRng = traffic(engine, w, "output-tokens");
    this.loader = new ModelLoader(net, fabric, w, this.stats.reads);
    this.window = new ScaleDownWindow(w.autoscaling.scaleDownDelayUs);
  }

  /** Starts the workload; `onDone` receives the outcome at its duration. */
  start(onDone: (o: InferenceOutcome) => void): void {
    if (this.engine.now !== 0) throw new RangeError(`inference workload ${this.w.name} must start at 0us`);
    this.done = onDone;
    for (let i = 0; i < this.w.replicas.initial; i++) {
      const rep = this.allocate(this.freeSlot()!);
      if (this.w.warmStart) {
        rep.charge(this.stats, 0);
        rep.state = "warm";
        rep.loadStartAt = rep.warmAt = 0;
      } else this.coldStart(rep);
    }
    this.scheduleArrival();
    if (this.w.replicas.min < this.w.replicas.max) this.scheduleTick();
    this.engine.postAt(this.w.durationUs, Priority.SAMPLE, () => this.end());
  }

  // ---- requests ----

  private scheduleArrival(): void {
    const t = this.arrivals.next();
    if (t <= this.w.durationUs) this.engine.postAt(t, Priority.ARRIVE, () => this.onArrival());
  }

  private onArrival(): void {
    if (this.ended) return;
    this.stats.arrived++;
    const s = this.w.service;
    const tokens =
      s.outputDistribution === "fixed" || s.outputTokens === 0
        ? s.outputTokens
        : this.tokensRng.exponential(s.outputTokens);
    const req: Request = { arrival: this.engine.now, tokens };
    let best: Replica | undefined;
    for (const r of this.live) {
      if (r.serving() && r.active < this.w.concurrency && (best === undefined || r.active < best.active)) best = r;
    }
    if (best !== undefined && this.queue.length === 0) this.startService(best, req);
    else this.queue.push(req);
    this.requestDecision();
    this.scheduleArrival();
  }

  private startService(rep: Replica, req: Request): void {
    const now = this.engine.now;
    this.setActive(rep, rep.active + 1);
    const wait = now - req.arrival;
    const prefill = prefillOn(this.w.service, rep.slot.computeShare);
    const decode = decodeOn(this.w.service, req.tokens, rep.slot.memoryShare);
    if (now + prefill <= this.w.durationUs) {
      this.stats.served++;
      this.stats.ttft.push(wait + prefill);
      this.stats.waits.push(wait);
      if (rep.warmAt > req.arrival) this.stats.coldWaits++;
    }
    this.engine.post(prefill + decode, Priority.COMPLETE, () => this.onServiceDone(rep));
  }

  private onServiceDone(rep: Replica): void {
    if (this.ended) return;
    this.setActive(rep, rep.active - 1);
    if (!rep.draining) this.fill(rep);
    else if (rep.active === 0) this.stop(rep);
  }

  private fill(rep: Replica): void {
    while (rep.active < this.w.concurrency && this.queue.length > 0) this.startService(rep, this.queue.shift()!);
  }

  private setActive(rep: Replica, n: number): void {
    if ((rep.active === 0) !== (n === 0)) rep.charge(this.stats, this.engine.now);
    rep.active = n;
  }

  // ---- autoscaling ----

  private inFlight(): number {
    let n = this.queue.length;
    for (const r of this.live) n += r.active;
    return n;
  }

  private desired(): number {
    const { min, max } = this.w.replicas;
    return desiredReplicas(this.inFlight(), this.w.autoscaling.targetConcurrency, min, max);
  }

  private requestDecision(): void {
    if (this.decidePending) return;
    this.decidePending = true;
    this.engine.post(0, Priority.DECIDE, () => this.decide());
  }

  /** Scale-up: undrain draining replicas first, then start cold ones, up to what is wanted. */
  private decide(): void {
    this.decidePending = false;
    if (this.ended) return;
    const want = this.desired();
    let serving = this.live.filter((r) => !r.draining).length;
    for (const r of this.live) {
      if (serving >= want) return;
      if (r.draining) {
        r.draining = false;
        serving++;
        this.fill(r);
      }
    }
    for (; serving < want; serving++) {
      const slot = this.freeSlot();
      if (slot === undefined) break;
      this.coldStart(this.allocate(slot));
    }
  }

  private scheduleTick(): void {
    const t = this.engine.now + AUTOSCALER_TICK_US;
    if (t <= this.w.durationUs) this.engine.postAt(t, Priority.DECIDE, () => this.tick());
  }

  /** Scale-down: after the window, drain the least busy warm replicas (highest slot first on ties). */
  private tick(): void {
    if (this.ended) return;
    const serving = this.live.filter((r) => !r.draining);
    const to = this.window.observe(this.engine.now, this.desired(), serving.length);
    if (to !== undefined) {
      const drainable = serving
        .filter((r) => r.state === "warm")
        .sort((a, b) => a.active - b.active || b.index - a.index)
        .slice(0, serving.length - to);
      for (const r of drainable) {
        r.draining = true;
        if (r.active === 0) this.stop(r);
      }
    }
    this.scheduleTick();
  }

  // ---- replicas ----

  private freeSlot(): number | undefined {
    const i = this.slotUsed.indexOf(false);
    return i < 0 ? undefined : i;
  }

  private allocate(slot: number): Replica {
    this.slotUsed[slot] = true;
    const rep = new Replica(this.w.pool.slots[slot]!, slot, this.engine.now);
    this.live.push(rep);
    this.stats.replicas(this.engine.now, this.live.length);
    return rep;
  }

  private stop(rep: Replica): void {
    rep.charge(this.stats, this.engine.now);
    rep.state = "stopped";
    this.live.splice(this.live.indexOf(rep), 1);
    this.stats.replicas(this.engine.now, this.live.length);
    this.slotUsed[rep.index] = false;
  }

  private coldStart(rep: Replica): void {
    this.stats.coldStarts++;
    this.stats.startupBegun(rep, this.engine.now, this.w.startupUs);
    this.engine.post(this.w.startupUs, Priority.NORMAL, () => this.beginLoad(rep));
  }

  private beginLoad(rep: Replica): void {
    if (this.ended) return;
    const now = this.engine.now;
    rep.charge(this.stats, now);
    rep.state = "loading";
    rep.loadStartAt = now;
    this.stats.loadBegun(rep, now);
    if (this.w.model.bytes <= 0) this.engine.post(0, Priority.COMPLETE, () => this.onLoaded(rep));
    else rep.load = this.loader.start(rep.slot, () => this.onLoaded(rep));
  }

  private onLoaded(rep: Replica): void {
    if (this.ended) return;
    const now = this.engine.now;
    rep.charge(this.stats, now);
    rep.state = "warm";
    rep.warmAt = now;
    this.stats.loadEnded(rep, now);
    const fromCache = rep.load?.fromCache ?? false;
    rep.load = undefined;
    this.stats.loads.push(now - rep.loadStartAt);
    this.stats.coldStartTimes.push(now - rep.allocatedAt);
    this.stats.loaded(this.w.model.bytes, fromCache);
    this.loader.loaded(rep.slot.node);
    this.fill(rep);
  }

  // ---- the end ----

  private end(): void {
    const now = this.engine.now;
    this.ended = true;
    for (const rep of this.live) {
      rep.charge(this.stats, now);
      if (rep.load !== undefined) this.stats.loaded(this.loader.abort(rep.load), rep.load.fromCache);
      this.stats.loadEnded(rep, now);
    }
    this.done?.(this.stats.outcome(this.w));
  }
}
