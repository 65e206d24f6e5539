/**
 * Processes: a model written as a sequence of waits, with generator functions (as in SimPy).
 *
 * ```ts
 * spawn(engine, function* () {
 *   yield s(5);                       // wait 5 s of simulated time (a number is a delay in µs)
 *   const grant = yield gpus.request(); // wait for an event; its value is returned
 *   yield timeout(engine, ms(200));
 *   gpus.release();
 *   return "done";                    // the process (itself an event) succeeds with this value
 * }(), "trainer");
 * ```
 *
 * A process is itself a `SimEvent`: other processes can `yield` it to wait for its end. An uncaught
 * exception fails the process; if nobody waits for it, the run stops with that error.
 * `interrupt(cause)` throws an `Interrupt` into the process at its current wait.
 */
import type { Engine, EventHandle } from "../../../src/sim/engine.ts";
import { SimInvariantError } from "../../../src/sim/errors.ts";
import { Priority } from "../../../src/sim/priority.ts";
import { SimEvent } from "./sim-event.ts";

/** What a process may yield: an event to wait for, or a delay in µs. */
export type Yieldable = SimEvent<any> | number; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The generator a process runs. */
export type ProcessGenerator<R = unknown> = Generator<Yieldable, R, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Thrown into a process by `Process.interrupt`. */
export class Interrupt extends Error {
  readonly code = "SIM_INTERRUPT";
  constructor(override readonly cause: unknown) {
    super(`interrupted: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "Interrupt";
  }
}

/** A running generator; an event that succeeds with its return value or fails with its uncaught error. */
export class Process<R = unknown> extends SimEvent<R> {
  private readonly gen: ProcessGenerator<R>;
  private target: SimEvent<unknown> | null = null;
  private timer: EventHandle | null = null;
  private readonly onTarget = (ev: SimEvent<unknown>): void => {
    this.target = null;
    if (ev.succeeded) this.resume(ev.value, undefined, false);
    else {
      ev.defused = true;
      this.resume(undefined, ev.failure, true);
    }
  };

  constructor(engine: Engine, gen: ProcessGenerator<R>, name = "process") {
    super(engine, name);
    this.gen = gen;
    engine.post(0, Priority.URGENT, startProcess, this);
  }

  /** True until the generator returns or throws. */
  get isAlive(): boolean {
    return !this.triggered;
  }

  /**
   * Throws `new Interrupt(cause)` into the process at its current wait, at `now` (URGENT class).
   * @throws SimInvariantError when the process has already ended.
   */
  interrupt(cause?: unknown): void {
    if (!this.isAlive) throw new SimInvariantError(`cannot interrupt finished process: ${this.name}`);
    this.engine.post(0, Priority.URGENT, deliverInterrupt, [this, cause]);
  }

  /** @internal */
  static deliver(p: Process<unknown>, cause: unknown): void {
    if (!p.isAlive) return; // ended between the interrupt call and its delivery
    if (p.timer !== null) {
      p.engine.cancel(p.timer);
      p.timer = null;
    }
    if (p.target !== null) {
      p.target.removeCallback(p.onTarget);
      p.target = null;
    }
    p.resume(undefined, new Interrupt(cause), true);
  }

  /** @internal */
  static wake(p: Process<unknown>): void {
    p.timer = null;
    p.resume(undefined, undefined, false);
  }

  private resume(value: unknown, error: unknown, isError: boolean): void {
    let r: IteratorResult<Yieldable, R>;
    try {
      r = isError ? this.gen.throw(error) : this.gen.next(value);
    } catch (err) {
      this.fail(err);
      return;
    }
    if (r.done === true) {
      this.succeed(r.value);
      return;
    }
    const y = r.value;
    if (typeof y === "number") {
      if (!(y >= 0) || !Number.isSafeInteger(y)) {
        this.resume(undefined, new RangeError(`invalid delay: ${y}us`), true);
        return;
      }
      this.timer = this.engine.schedule(y, Priority.NORMAL, wakeProcess, this);
    } else if (y instanceof SimEvent) {
      this.target = y;
      y.addCallback(this.onTarget);
    } else {
      this.resume(undefined, new TypeError(`process ${this.name} yielded ${String(y)}: not an event or a delay`), true);
    }
  }

  /** @internal */
  static start(p: Process<unknown>): void {
    p.resume(undefined, undefined, false);
  }
}

function startProcess(p: Process<unknown>): void {
  Process.start(p);
}

function wakeProcess(p: Process<unknown>): void {
  Process.wake(p);
}

function deliverInterrupt(pair: [Process<unknown>, unknown]): void {
  Process.deliver(pair[0], pair[1]);
}

/** Starts `gen` as a process at `now` (URGENT class) and returns it. */
export function spawn<R>(engine: Engine, gen: ProcessGenerator<R>, name?: string): Process<R> {
  return new Process(engine, gen, name);
}
