/**
 * Fluid shared bandwidth. A flow moves `bytes` across a path of capacity constraints (backend aggregate,
 * volume cap, node NIC, …) at a rate set by weighted max-min fairness (max-min.ts) among all active
 * flows. Rates change only when a flow starts, ends or is aborted, or a capacity/cap changes; then every
 * flow's progress is settled, rates are recomputed and the next completion rescheduled.
 *
 * Event discipline:
 * - Changes at an instant only mark the network dirty; one reallocation runs at that instant in the
 *   REALLOCATE class, after every other change at that instant (batching: 1,000 ranks starting reads at
 *   t cost one recomputation). This is exact: no simulated time passes between the change and the
 *   reallocation. `rate()` and `usage()` reallocate on demand when dirty.
 * - The network keeps at most one pending completion event in the engine (the earliest finish), in the
 *   COMPLETE class. A flow finishes at `ceil(remaining / rate)` µs after the last reallocation, so it never
 *   completes early by rounding; completion sets its remaining bytes to exactly 0.
 *
 * Metering: a flow started with a `FlowMeter` reports the bytes it moves at every settlement (one call per
 * meter per settlement) and its total when it ends (flow-meter.ts), so throughput over time is integrated
 * exactly.
 *
 * Units: bytes and bytes per second; time in µs.
 */
import type { Engine, EventHandle } from "./engine.ts";
import { SimInvariantError } from "./errors.ts";
import { maxMinRates, MaxMinScratch, type MaxMinResult } from "./max-min.ts";
import { Priority } from "./priority.ts";
import { Constraint, Flow, type FlowOptions } from "./flow.ts";
import { MeterTable, type FlowMeter } from "./flow-meter.ts";
import { MAX_TIME } from "./time.ts";

/** A set of constraints and the flows sharing them. */
export class FluidNetwork {
  private readonly constraints: Constraint[] = [];
  private capacities: number[] = [];
  private readonly moved: number[] = [];
  private usageNow: Float64Array = new Float64Array(0);
  private flows: Flow[] = [];
  private nextFlowId = 0;
  private lastSettle: number;
  private dirty = false;
  private reallocScheduled = false;
  private completion: EventHandle | null = null;
  private readonly scratch = new MaxMinScratch();
  private result: MaxMinResult | undefined;
  private pathStart = new Int32Array(1);
  private pathIndex = new Int32Array(0);
  private weights = new Float64Array(0);
  private caps = new Float64Array(0);
  private reallocs = 0;
  private completed = 0;
  private readonly meters = new MeterTable();
  private watchers: (() => void)[] = [];

  constructor(
    readonly engine: Engine,
    readonly name = "network",
  ) {
    this.lastSettle = engine.now;
  }

  /**
   * Adds a constraint of `capacity` bytes/s.
   * @throws RangeError on a negative or non-finite capacity.
   */
  addConstraint(name: string, capacity: number): Constraint {
    checkCapacity(name, capacity);
    const c = new Constraint(this, this.constraints.length, name);
    this.constraints.push(c);
    this.capacities.push(capacity);
    this.moved.push(0);
    return c;
  }

  /**
   * What limited the flows of meter `m`, by bytes moved: each constraint that froze them in the max-min
   * allocation (its name and current capacity), or `null` for flows running at their own cap (a per-stream or
   * per-request limit), most bytes first. Settled bytes only (up to the last change of rates).
   */
  limits(m: FlowMeter): { constraint: string | null; capacity: number; bytes: number }[] {
    return [...this.meters.limitsOf(m)]
      .map(([i, bytes]) => {
        const c = i >= 0 ? this.constraints[i]! : undefined;
        return { constraint: c?.name ?? null, capacity: c === undefined ? Infinity : this.capacities[i]!, bytes };
      })
      .sort((a, b) => b.bytes - a.bytes);
  }

  /** Changes a constraint's capacity from now on (e.g. throttling, a degraded device). Returns it. */
  setCapacity(c: Constraint, capacity: number): Constraint {
    this.check(c);
    checkCapacity(c.name, capacity);
    this.settle();
    this.capacities[c.id] = capacity;
    this.markDirty();
    return c;
  }

  /** Current capacity of a constraint, bytes/s. */
  capacityOf(c: Constraint): number {
    this.check(c);
    return this.capacities[c.id]!;
  }

  private check(c: Constraint): void {
    if (this.constraints[c.id] !== c) throw new RangeError(`unknown constraint: ${c.name}`);
  }

  /**
   * Starts a flow of `bytes` across `path`. `bytes` may be Infinity: an endless flow (a reader that streams
   * until it is stopped) never completes and moves bytes until it is aborted, however long the run.
   * @throws RangeError on negative or NaN bytes, a bad weight or cap, an unknown constraint, or a flow with
   *   neither a constraint nor a cap.
   */
  start(bytes: number, path: readonly Constraint[], options: FlowOptions = {}): Flow {
    if (!(bytes >= 0)) throw new RangeError(`invalid flow size: ${bytes} bytes`);
    const weight = options.weight ?? 1;
    if (!(weight > 0 && weight < Infinity)) throw new RangeError(`invalid flow weight: ${weight}`);
    const cap = options.cap ?? Infinity;
    if (!(cap > 0)) throw new RangeError(`invalid flow rate cap: ${cap} B/s`);
    const ids: number[] = [];
    for (const c of path) {
      this.check(c);
      if (!ids.includes(c.id)) ids.push(c.id);
    }
    if (ids.length === 0 && cap === Infinity) throw new RangeError("unbounded flow: no constraint and no rate cap");
    this.settle();
    const f = new Flow(
      this.nextFlowId++,
      bytes,
      ids,
      weight,
      cap,
      this.engine.now,
      options.onComplete,
      options.arg,
      options.tag ?? "",
    );
    if (options.meter !== undefined) f.meterSlot = this.meters.slot(options.meter);
    f.slot = this.flows.length;
    this.flows.push(f);
    this.markDirty();
    return f;
  }

  /**
   * Stops a flow before completion. Returns the bytes it had moved. No-op (returns its size) when it has
   * already completed; its `onComplete` is not called.
   */
  abort(f: Flow): number {
    if (!f.active) return f.moved;
    this.settle();
    this.remove(f);
    this.markDirty();
    return f.moved;
  }

  /** Changes a flow's rate cap (Infinity removes it). */
  setFlowCap(f: Flow, cap: number): void {
    if (!(cap > 0)) throw new RangeError(`invalid flow rate cap: ${cap} B/s`);
    if (f.path.length === 0 && cap === Infinity) throw new RangeError("unbounded flow: no constraint and no rate cap");
    this.settle();
    f.cap = cap;
    this.markDirty();
  }

  /** Changes a flow's weight. */
  setFlowWeight(f: Flow, weight: number): void {
    if (!(weight > 0 && weight < Infinity)) throw new RangeError(`invalid flow weight: ${weight}`);
    this.settle();
    f.weight = weight;
    this.markDirty();
  }

  /** Current rate of a flow, bytes/s (reallocates first if anything changed at this instant). */
  rate(f: Flow): number {
    if (this.dirty) this.reallocate();
    return f.active ? f.rate : 0;
  }

  /** Current total rate through a constraint, bytes/s. */
  usage(c: Constraint): number {
    this.check(c);
    if (this.dirty) this.reallocate();
    return this.usageNow[c.id] ?? 0;
  }

  /** Bytes moved through a constraint since it was added, up to now. */
  bytesMoved(c: Constraint): number {
    this.check(c);
    this.settle();
    return this.moved[c.id]!;
  }

  /** Bytes a flow has moved up to now. */
  progress(f: Flow): number {
    if (f.active) this.settle();
    return f.moved;
  }

  /** Number of active flows. */
  get activeFlows(): number {
    return this.flows.length;
  }

  /** The active flows (a snapshot copy). */
  activeFlowList(): Flow[] {
    return this.flows.slice();
  }

  /**
   * Calls `listener()` at the end of every REALLOCATE event, i.e. once the rates of an instant are settled
   * (whether they were recomputed then or on demand earlier at that instant). A listener that changes flows
   * (e.g. a bulk-advance job re-planning after another job's flows changed its rates) makes the network dirty
   * again, so one more REALLOCATE runs at the same instant and listeners see that too: a listener must act
   * only on a real change, or the instant never ends. Listeners run in registration order.
   * @returns a function that removes the listener (safe to call from within it).
   */
  watch(listener: () => void): () => void {
    this.watchers = [...this.watchers, listener];
    return () => {
      this.watchers = this.watchers.filter((w) => w !== listener);
    };
  }

  /** Number of rate recomputations so far. */
  get reallocations(): number {
    return this.reallocs;
  }

  /** Number of flows completed so far. */
  get completions(): number {
    return this.completed;
  }

  /** The name of constraint `id`. */
  constraintName(id: number): string {
    const c = this.constraints[id];
    if (c === undefined) throw new RangeError(`unknown constraint id: ${id}`);
    return c.name;
  }

  /**
   * Recomputes all rates now and reschedules the next completion. Called by the REALLOCATE event and
   * on demand; public so benchmarks can time it.
   */
  reallocate(): void {
    this.settle();
    this.dirty = false;
    this.reallocs++;
    const flows = this.flows;
    const n = flows.length;
    const m = this.capacities.length;
    if (this.usageNow.length < m) this.usageNow = new Float64Array(Math.max(m, 2 * this.usageNow.length));
    const usage = this.usageNow;
    usage.fill(0, 0, m);
    let next = Infinity;
    if (n > 0) {
      this.buildProblem();
      this.result = maxMinRates(
        {
          capacities: this.capacities,
          flowCount: n,
          weights: this.weights,
          caps: this.caps,
          pathStart: this.pathStart,
          pathIndex: this.pathIndex,
        },
        this.scratch,
        this.result,
      );
      const { rates, bottleneck } = this.result;
      const now = this.engine.now;
      for (let i = 0; i < n; i++) {
        const f = flows[i]!;
        const r = rates[i]!;
        f.rate = r;
        f.bottleneck = bottleneck[i]!;
        for (const j of f.path) usage[j]! += r;
        if (f.remaining <= 0) f.finish = now;
        else {
          // A finish beyond the representable range (≈ 285 years) is as good as never: treat as stalled.
          const fin = r > 0 ? now + Math.max(1, Math.ceil((f.remaining / r) * 1e6)) : Infinity;
          f.finish = fin <= MAX_TIME ? fin : Infinity;
        }
        if (f.finish < next) next = f.finish;
      }
    }
    this.scheduleCompletion(next);
  }

  private buildProblem(): void {
    const flows = this.flows;
    const n = flows.length;
    if (this.weights.length < n) {
      const c = Math.max(n, 2 * this.weights.length);
      this.weights = new Float64Array(c);
      this.caps = new Float64Array(c);
      this.pathStart = new Int32Array(c + 1);
    }
    let p = 0;
    for (let i = 0; i < n; i++) p += flows[i]!.path.length;
    if (this.pathIndex.length < p) this.pathIndex = new Int32Array(Math.max(p, 2 * this.pathIndex.length));
    let k = 0;
    for (let i = 0; i < n; i++) {
      const f = flows[i]!;
      this.weights[i] = f.weight;
      this.caps[i] = f.cap;
      this.pathStart[i] = k;
      for (const j of f.path) this.pathIndex[k++] = j;
    }
    this.pathStart[n] = k;
  }

  private scheduleCompletion(next: number): void {
    const cur = this.completion;
    if (cur !== null && !cur.fired && !cur.cancelled) {
      if (cur.time === next) return;
      this.engine.cancel(cur);
    }
    this.completion = next === Infinity ? null : this.engine.scheduleAt(next, Priority.COMPLETE, onCompletion, this);
  }

  /** Advances every active flow's progress to now at the current rates. */
  private settle(): void {
    const now = this.engine.now;
    const dt = now - this.lastSettle;
    if (dt === 0) return;
    if (dt < 0) throw new SimInvariantError(`time going backwards in ${this.name}: ${now}us < ${this.lastSettle}us`);
    const from = this.lastSettle;
    this.lastSettle = now;
    const sec = dt / 1e6;
    const flows = this.flows;
    const moved = this.moved;
    const metered = this.meters.bytes;
    for (let i = 0; i < flows.length; i++) {
      const f = flows[i]!;
      if (f.rate > 0) {
        const want = f.rate * sec;
        const step = want < f.remaining ? want : f.remaining;
        f.remaining -= step;
        f.moved += step;
        const path = f.path;
        for (let k = 0; k < path.length; k++) moved[path[k]!]! += step;
        metered[f.meterSlot]! += step; // slot 0 collects unmetered flows and is discarded
        if (f.meterSlot !== 0) this.meters.attribute(f.meterSlot, f.bottleneck, step);
      }
    }
    if (this.meters.inUse) this.meters.flush(from, now);
  }

  /** @internal the completion event: finishes every flow due now, then lets handlers run. */
  static complete(net: FluidNetwork): void {
    net.completion = null;
    net.settle();
    const now = net.engine.now;
    const done: Flow[] = [];
    const flows = net.flows;
    for (let i = 0; i < flows.length; i++) if (flows[i]!.finish <= now) done.push(flows[i]!);
    if (done.length === 0) {
      // The flow due now was aborted (or slowed) earlier at this instant; the pending reallocation
      // reschedules the next completion.
      if (net.dirty) return;
      throw new SimInvariantError(`completion event of ${net.name} at ${now}us with no flow due`);
    }
    for (const f of done) {
      // Bytes moved in rounding slack (< 1 µs at rate) are credited so totals stay exact.
      const slack = f.remaining;
      if (slack > 0) {
        for (const j of f.path) net.moved[j]! += slack;
        net.meters.bytes[f.meterSlot]! += slack;
        if (f.meterSlot !== 0) net.meters.attribute(f.meterSlot, f.bottleneck, slack);
      }
      f.remaining = 0;
      f.moved = f.bytes;
      f.completedAt = now;
      net.remove(f);
      net.completed++;
    }
    // The slack moved in the last µs (a flow ends ≥ 1 µs after it starts).
    if (net.meters.inUse) net.meters.flush(now - 1, now);
    net.markDirty();
    for (const f of done) if (f.onComplete !== undefined) f.onComplete(f.arg);
  }

  private remove(f: Flow): void {
    if (f.meterSlot !== 0) this.meters.ended(f.meterSlot, f.moved);
    const flows = this.flows;
    const last = flows.pop()!;
    if (last !== f) {
      flows[f.slot] = last;
      last.slot = f.slot;
    }
    f.slot = -1;
    f.rate = 0;
    f.finish = Infinity;
  }

  private markDirty(): void {
    this.dirty = true;
    if (!this.reallocScheduled) {
      this.reallocScheduled = true;
      this.engine.post(0, Priority.REALLOCATE, onReallocate, this);
    }
  }

  /** @internal */
  static reallocateEvent(net: FluidNetwork): void {
    net.reallocScheduled = false;
    if (net.dirty) net.reallocate();
    for (const w of net.watchers) w();
  }
}

function checkCapacity(name: string, capacity: number): void {
  if (!(capacity >= 0 && capacity < Infinity)) throw new RangeError(`invalid capacity of ${name}: ${capacity} B/s`);
}

function onCompletion(net: FluidNetwork): void {
  FluidNetwork.complete(net);
}

function onReallocate(net: FluidNetwork): void {
  FluidNetwork.reallocateEvent(net);
}

export { Constraint, Flow, type FlowOptions };
export { FlowMeter, type MeterSink } from "./flow-meter.ts";
