/**
 * The simulation kernel: a clock, the future-event list and the run loop. It knows nothing about GPUs
 * or storage (STYLE.md §1, §5).
 *
 * - Time is an integer number of microseconds (`SimTime`, see time.ts).
 * - Events are ordered by `(time, priorityClass, seq)` (see event-queue.ts and priority.ts): at one
 *   instant lower classes run first and, within a class, events run in the order they were scheduled.
 * - `schedule()` returns an `EventHandle` that `cancel()` marks; the entry stays in the queue and is
 *   skipped when it comes up (lazy cancel). `post()` is the allocation-free path for hot loops and
 *   cannot be cancelled.
 * - Randomness comes only from `engine.random(name)`: named substreams of the run's seed.
 */
import { HeapQueue, packOrder, SEQ_SPAN, type EventQueue, type Handler } from "./event-queue.ts";
import { SimClockOverflowError, SimHandlerError, SimInvariantError } from "./errors.ts";
import { Priority, PRIORITY_CLASSES, type PriorityClass } from "./priority.ts";
import { RandomStreams, type RandomStream } from "./random.ts";
import { formatTime, MAX_TIME, type SimTime } from "./time.ts";

export type { Handler } from "./event-queue.ts";

/** A cancellable scheduled event. Returned by `Engine.schedule`; pass it to `Engine.cancel`. */
export class EventHandle {
  /** True once cancelled; a cancelled event never runs. */
  cancelled = false;
  /** True once the handler has run. */
  fired = false;
  constructor(
    /** When the event is due (µs). */
    readonly time: SimTime,
    /** The priority class it was scheduled with. */
    readonly priority: PriorityClass,
    readonly handler: Handler,
    readonly arg: unknown,
  ) {}
}

/** Runs a cancellable event's handler. Its identity marks cancellable entries in the queue. */
function runHandle(h: EventHandle): void {
  h.fired = true;
  h.handler(h.arg);
}

/** Called for every event that runs, before its handler; used for traces and determinism checks. */
export type Tracer = (time: SimTime, priority: PriorityClass, seq: number, handler: Handler, arg: unknown) => void;

/** Options for `new Engine()`. */
export interface EngineOptions {
  /** Seed for all random streams (default 1). Same seed and model: byte-identical results. */
  seed?: string | number;
  /** Future-event list implementation (default: a `HeapQueue`). */
  queue?: EventQueue;
  /** Start time (default 0). */
  start?: SimTime;
  /** Observer called for every event that runs. */
  tracer?: Tracer;
}

function checkDelay(delay: number, now: number): void {
  if (!(delay >= 0) || !Number.isSafeInteger(delay)) {
    if (delay > MAX_TIME && delay < Infinity) throw clockOverflow(now, delay);
    throw new RangeError(`invalid delay: ${delay}us` + (delay >= 0 ? " (not a safe integer)" : ""));
  }
  if (now + delay > MAX_TIME) throw clockOverflow(now, delay);
}

const clockOverflow = (now: number, delay: number): SimClockOverflowError =>
  new SimClockOverflowError(
    `an event ${formatTime(Math.min(delay, MAX_TIME) as SimTime)} after ${formatTime(now as SimTime)} is past the end of the ` +
      `simulated clock (2^53 µs, about 285 years)`,
  );

function checkPriority(priority: number): void {
  if (!(priority >= 0 && priority < PRIORITY_CLASSES && Number.isInteger(priority))) {
    throw new RangeError(`invalid priority class: ${priority}`);
  }
}

/**
 * A discrete-event simulation engine. Single-threaded and deterministic.
 *
 * @throws RangeError from scheduling calls on a negative or non-integer delay, a time in the past, or an
 *   unknown priority class; `SimHandlerError` from the run methods when a handler throws (the original
 *   error is its `cause`).
 */
export class Engine {
  private queue: EventQueue;
  private t: number;
  private seq = 0;
  private stopped = false;
  private cancelledPending = 0;
  private processedCount = 0;
  private readonly streams: RandomStreams;
  private readonly tracer: Tracer | undefined;

  constructor(options: EngineOptions = {}) {
    this.queue = options.queue ?? new HeapQueue();
    this.t = options.start ?? 0;
    if (!Number.isSafeInteger(this.t)) throw new RangeError(`invalid start time: ${this.t}us`);
    this.streams = new RandomStreams(options.seed ?? 1);
    this.tracer = options.tracer;
  }

  /** Current simulated time (µs). */
  get now(): SimTime {
    return this.t as SimTime;
  }

  /** The run's seed. */
  get seed(): string | number {
    return this.streams.seed;
  }

  /** Number of events still due to run (cancelled ones excluded). */
  get pending(): number {
    return this.queue.size - this.cancelledPending;
  }

  /** Number of events that have run so far. */
  get processed(): number {
    return this.processedCount;
  }

  /** The named random substream `name` of this run's seed; the same object for the same name. */
  random(name: string): RandomStream {
    return this.streams.stream(name);
  }

  /** A copy of the random substream `name` at its start, drawn independently of `random(name)`. */
  randomCopy(name: string): RandomStream {
    return this.streams.copy(name);
  }

  /**
   * Schedules `handler(arg)` after `delay` µs in `priority` class. Allocation-free; cannot be cancelled.
   * @throws RangeError on a negative or non-integer delay.
   */
  post(delay: number, priority: PriorityClass, handler: Handler, arg?: unknown): void {
    checkDelay(delay, this.t);
    this.queue.push(this.t + delay, packOrder(priority, this.seq++), handler, arg);
  }

  /** Like `post`, at absolute time `time` (µs), which must not be in the past. */
  postAt(time: number, priority: PriorityClass, handler: Handler, arg?: unknown): void {
    this.post(this.delayTo(time), priority, handler, arg);
  }

  /**
   * Schedules `handler(arg)` after `delay` µs and returns a handle that `cancel()` accepts.
   * @throws RangeError on a negative or non-integer delay or an unknown priority class.
   */
  schedule(delay: number, priority: PriorityClass, handler: Handler, arg?: unknown): EventHandle {
    checkDelay(delay, this.t);
    checkPriority(priority);
    const h = new EventHandle((this.t + delay) as SimTime, priority, handler, arg);
    this.queue.push(h.time, packOrder(priority, this.seq++), runHandle, h);
    return h;
  }

  /** Like `schedule`, at absolute time `time` (µs), which must not be in the past. */
  scheduleAt(time: number, priority: PriorityClass, handler: Handler, arg?: unknown): EventHandle {
    return this.schedule(this.delayTo(time), priority, handler, arg);
  }

  /**
   * Cancels a scheduled event (lazily: it stays queued and is skipped). Returns false when the event
   * already ran or was already cancelled.
   */
  cancel(handle: EventHandle): boolean {
    if (handle.cancelled || handle.fired) return false;
    handle.cancelled = true;
    this.cancelledPending++;
    return true;
  }

  /** Time of the next event that will run, or `undefined` when none is pending. Drops cancelled entries. */
  peek(): SimTime | undefined {
    this.dropCancelled();
    return this.queue.size === 0 ? undefined : (this.queue.topTime() as SimTime);
  }

  /** Runs the next event. Returns false when none was pending. */
  step(): boolean {
    this.dropCancelled();
    if (this.queue.size === 0) return false;
    this.loop(this.queue.topTime(), 1);
    return true;
  }

  /** Makes the current run loop return after the event being handled; the clock stays at that event. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Runs every event with time ≤ `until`, then sets the clock to exactly `until` — unless `stop()` was
   * called or `maxEvents` events ran first, in which case the clock stays at the last event's time.
   * @throws RangeError when `until` is before `now` or not an integer; `SimHandlerError` if a handler throws.
   * @returns the number of events run.
   */
  runUntil(until: number, maxEvents = Infinity): number {
    if (!Number.isSafeInteger(until)) throw new RangeError(`invalid time: ${until}us (not an integer)`);
    if (until < this.t) {
      throw new RangeError(
        `time going backwards: runUntil(${formatTime(until as SimTime)}) at ${formatTime(this.now)}`,
      );
    }
    const ran = this.loop(until, maxEvents);
    if (!this.stopped && ran < maxEvents) this.t = until;
    return ran;
  }

  /**
   * Runs until no event is pending, `stop()` is called or `maxEvents` ran; the clock stays at the last
   * event's time.
   * @returns the number of events run.
   */
  runUntilIdle(maxEvents = Infinity): number {
    return this.loop(MAX_TIME, maxEvents);
  }

  /** The run loop: pops and runs events due at or before `until`. Leaves the clock at the last event. */
  private loop(until: number, maxEvents: number): number {
    const q = this.queue;
    const tracer = this.tracer;
    let ran = 0;
    this.stopped = false;
    while (q.size > 0 && ran < maxEvents) {
      const time = q.topTime();
      if (time > until) break;
      const handler = q.topHandler();
      const arg = q.topArg();
      const order = q.topOrder();
      q.pop();
      if (handler === runHandle && (arg as EventHandle).cancelled) {
        this.cancelledPending--;
        continue;
      }
      if (time < this.t) throw new SimInvariantError(`time going backwards: event at ${time}us popped at ${this.t}us`);
      this.t = time;
      ran++;
      if (tracer !== undefined) {
        const cls = Math.floor(order / SEQ_SPAN);
        tracer(time as SimTime, cls as PriorityClass, order - cls * SEQ_SPAN, handler, arg);
      }
      try {
        handler(arg);
      } catch (err) {
        this.processedCount += ran;
        this.stopped = false;
        throw this.wrap(err, handler, arg);
      }
      if (this.stopped) break;
    }
    this.processedCount += ran;
    return ran;
  }

  private delayTo(time: number): number {
    if (!Number.isSafeInteger(time)) throw new RangeError(`invalid time: ${time}us (not an integer)`);
    if (time < this.t) {
      throw new RangeError(
        `time going backwards: ${formatTime(time as SimTime)} is before now (${formatTime(this.now)})`,
      );
    }
    return time - this.t;
  }

  private dropCancelled(): void {
    const q = this.queue;
    while (q.size > 0 && q.topHandler() === runHandle && (q.topArg() as EventHandle).cancelled) {
      q.pop();
      this.cancelledPending--;
    }
  }

  private wrap(err: unknown, handler: Handler, arg: unknown): SimHandlerError {
    const target = handler === runHandle ? (arg as EventHandle).handler : handler;
    const name = target.name || "anonymous handler";
    const msg = err instanceof Error ? err.message : String(err);
    return new SimHandlerError(`handler ${name} failed at ${formatTime(this.now)}: ${msg}`, this.t, { cause: err });
  }
}

export { Priority };
