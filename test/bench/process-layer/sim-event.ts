/**
 * `SimEvent`: something that happens at one instant and that processes and callbacks can wait for
 * (SimPy's `Event`). States: pending → triggered (`succeed`/`fail` called; processing is queued at `now`
 * in the URGENT class) → processed (callbacks have run).
 *
 * Failures are never silently ignored: a failed event whose callbacks do not mark it `defused` stops the
 * run with its error.
 */
import type { Engine } from "../../../src/sim/engine.ts";
import { SimInvariantError } from "../../../src/sim/errors.ts";
import { Priority } from "../../../src/sim/priority.ts";

/**
 * A callback on an event; runs when the event is processed. Declared method-style so that its parameter
 * is bivariant: a `SimEvent<never>` (a process that can only fail) is still a `SimEvent<any>` to wait on.
 */
export type EventCallback<T> = { bivarianceHack(event: SimEvent<T>): void }["bivarianceHack"];

const PENDING = 0;
const TRIGGERED = 1;
const PROCESSED = 2;

/** Error raised when a failed event was not handled by anyone. */
export class UnhandledFailureError extends Error {
  readonly code = "SIM_ERR_UNHANDLED";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UnhandledFailureError";
  }
}

/** An event at one instant of simulated time. */
export class SimEvent<T = unknown> {
  private state: 0 | 1 | 2 = PENDING;
  private ok = true;
  private result: T | undefined = undefined;
  private error: unknown = undefined;
  private callbacks: EventCallback<T>[] = [];
  /** Set by a callback that has handled this event's failure. */
  defused = false;

  constructor(
    readonly engine: Engine,
    /** Used in error messages. */
    readonly name = "event",
  ) {}

  /** True once `succeed` or `fail` was called. */
  get triggered(): boolean {
    return this.state !== PENDING;
  }

  /** True once the callbacks have run. */
  get processed(): boolean {
    return this.state === PROCESSED;
  }

  /** True unless the event failed. Meaningful once triggered. */
  get succeeded(): boolean {
    return this.state !== PENDING && this.ok;
  }

  /**
   * The value the event succeeded with.
   * @throws SimInvariantError when not yet triggered; the failure's error when it failed.
   */
  get value(): T {
    if (this.state === PENDING) throw new SimInvariantError(`value of untriggered event: ${this.name}`);
    if (!this.ok) throw this.error;
    return this.result as T;
  }

  /** The error the event failed with (undefined if it succeeded or is pending). */
  get failure(): unknown {
    return this.ok ? undefined : this.error;
  }

  /**
   * Triggers the event with `value`; callbacks run at `now` in the URGENT class.
   * @throws SimInvariantError when already triggered.
   */
  succeed(value?: T): this {
    this.trigger();
    this.result = value;
    this.engine.post(0, Priority.URGENT, processEvent, this);
    return this;
  }

  /**
   * Fails the event with `error`; callbacks run at `now` in the URGENT class.
   * @throws SimInvariantError when already triggered.
   */
  fail(error: unknown): this {
    this.trigger();
    this.ok = false;
    this.error = error;
    this.engine.post(0, Priority.URGENT, processEvent, this);
    return this;
  }

  /** Triggers and processes at once, without a queue round-trip. For timers that already are events. */
  fireNow(value?: T): void {
    this.trigger();
    this.result = value;
    processEvent(this);
  }

  /**
   * Adds a callback. On an already processed event the callback runs at `now` (URGENT class).
   */
  addCallback(cb: EventCallback<T>): void {
    if (this.state === PROCESSED) this.engine.post(0, Priority.URGENT, () => cb(this));
    else this.callbacks.push(cb);
  }

  /** Removes a callback added earlier; returns false if it was not there. */
  removeCallback(cb: EventCallback<T>): boolean {
    const i = this.callbacks.indexOf(cb);
    if (i < 0) return false;
    this.callbacks.splice(i, 1);
    return true;
  }

  private trigger(): void {
    if (this.state !== PENDING) throw new SimInvariantError(`event already triggered: ${this.name}`);
    this.state = TRIGGERED;
  }

  /** @internal run by the engine. */
  static process<T>(ev: SimEvent<T>): void {
    const cbs = ev.callbacks;
    ev.callbacks = [];
    ev.state = PROCESSED;
    for (let i = 0; i < cbs.length; i++) cbs[i]!(ev);
    if (!ev.ok && !ev.defused) {
      const msg = ev.error instanceof Error ? ev.error.message : String(ev.error);
      throw new UnhandledFailureError(`unhandled failure of ${ev.name}: ${msg}`, { cause: ev.error });
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function processEvent(ev: SimEvent<any>): void {
  SimEvent.process(ev);
}

/** An event that succeeds `delay` µs from now (NORMAL class) with `value`. */
export function timeout<T = undefined>(engine: Engine, delay: number, value?: T, name = "timeout"): SimEvent<T> {
  const ev = new SimEvent<T>(engine, name);
  engine.post(delay, Priority.NORMAL, fireTimeout, [ev, value]);
  return ev;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function fireTimeout(pair: [SimEvent<any>, unknown]): void {
  pair[0].fireNow(pair[1]);
}
