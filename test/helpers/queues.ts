/**
 * Queueing models built on the engine, used by the closed-form tests and by the benchmarks.
 * Rates are per second; simulated time is integer µs. The reported wait is time in queue before service.
 */
import { Engine } from "../../src/sim/engine.ts";
import { Priority } from "../../src/sim/priority.ts";
import { spawn } from "../bench/process-layer/process.ts";
import { Resource } from "../bench/process-layer/resource.ts";

export interface QueueRun {
  customers: number;
  /** Mean time in queue, seconds. */
  meanWait: number;
  /** Events the engine ran. */
  events: number;
  /** Simulated time at the end, seconds. */
  simSeconds: number;
  /** Wall-clock seconds of the run loop alone (model set-up excluded). */
  wallSeconds: number;
}

export interface QueueParams {
  customers: number;
  /** Arrival rate, 1/s. */
  lambda: number;
  /** Service rate per server, 1/s. */
  mu: number;
  seed: number | string;
  /** Servers (default 1). */
  servers?: number;
  /** Exponential service (default) or deterministic service of exactly 1/mu. */
  service?: "exponential" | "deterministic";
}

/**
 * FIFO G/G/c queue written with plain callbacks (the hot path): arrivals are chained events, each
 * customer acquires the `Resource`, is served, releases. Allocation-free per customer.
 */
export function simulateQueueCallbacks(p: QueueParams): QueueRun {
  const engine = new Engine({ seed: p.seed });
  const servers = new Resource(engine, p.servers ?? 1, "servers");
  const arrivals = engine.random("arrivals");
  const service = engine.random("service");
  const meanIa = 1e6 / p.lambda;
  const meanSvc = 1e6 / p.mu;
  const det = p.service === "deterministic";
  const svcUs = Math.round(meanSvc);
  let arrived = 0;
  let served = 0;
  let waitSum = 0;

  const depart = (): void => {
    servers.release();
  };
  const startService = (arrivalTime: number): void => {
    waitSum += engine.now - arrivalTime;
    served++;
    engine.post(det ? svcUs : Math.round(service.exponential(meanSvc)), Priority.COMPLETE, depart);
  };
  const arrive = (): void => {
    servers.acquire(startService, engine.now);
    if (++arrived < p.customers) engine.post(Math.round(arrivals.exponential(meanIa)), Priority.ARRIVE, arrive);
  };
  engine.post(Math.round(arrivals.exponential(meanIa)), Priority.ARRIVE, arrive);
  const t0 = performance.now();
  const events = engine.runUntilIdle();
  const wallSeconds = (performance.now() - t0) / 1e3;
  if (served !== p.customers) throw new Error(`served ${served} of ${p.customers}`);
  return { customers: served, meanWait: waitSum / served / 1e6, events, simSeconds: engine.now / 1e6, wallSeconds };
}

/**
 * The same queue written with generator processes, SimPy style: a source process and one process per
 * customer that yields `request()`, a service delay, then releases.
 */
export function simulateQueueProcesses(p: QueueParams): QueueRun {
  const engine = new Engine({ seed: p.seed });
  const servers = new Resource(engine, p.servers ?? 1, "servers");
  const arrivals = engine.random("arrivals");
  const service = engine.random("service");
  const meanIa = 1e6 / p.lambda;
  const meanSvc = 1e6 / p.mu;
  const det = p.service === "deterministic";
  let served = 0;
  let waitSum = 0;

  function* customer() {
    const arrivedAt = engine.now;
    yield servers.request();
    waitSum += engine.now - arrivedAt;
    served++;
    yield det ? Math.round(meanSvc) : Math.round(service.exponential(meanSvc));
    servers.release();
  }
  function* source() {
    for (let i = 0; i < p.customers; i++) {
      yield Math.round(arrivals.exponential(meanIa));
      spawn(engine, customer(), "customer");
    }
  }
  spawn(engine, source(), "source");
  const t0 = performance.now();
  const events = engine.runUntilIdle();
  const wallSeconds = (performance.now() - t0) / 1e3;
  if (served !== p.customers) throw new Error(`served ${served} of ${p.customers}`);
  return { customers: served, meanWait: waitSum / served / 1e6, events, simSeconds: engine.now / 1e6, wallSeconds };
}

/** Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ. */
export function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / c; // a^c / c!
  const rho = a / c;
  const top = last / (1 - rho);
  return top / (sum + top);
}

/** Mean wait in queue (s) of M/M/c: C(c, a) / (cμ − λ). */
export const mmcWait = (lambda: number, mu: number, c: number): number => erlangC(c, lambda / mu) / (c * mu - lambda);

/** Mean wait in queue (s) of M/D/1 by Pollaczek–Khinchine: ρ / (2μ(1 − ρ)). */
export const md1Wait = (lambda: number, mu: number): number => {
  const rho = lambda / mu;
  return rho / (2 * mu * (1 - rho));
};
