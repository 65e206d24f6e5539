/**
 * The engine's public surface (src/sim). Knows nothing about GPUs or storage; src/models builds on it.
 */
export { Engine, EventHandle, type EngineOptions, type Handler, type Tracer } from "./engine.ts";
export { Priority, PRIORITY_CLASSES, type PriorityClass } from "./priority.ts";
export { HeapQueue, SortedArrayQueue, type EventQueue } from "./event-queue.ts";
export { SimEvent, timeout, UnhandledFailureError, type EventCallback } from "./sim-event.ts";
export { Process, Interrupt, spawn, type ProcessGenerator, type Yieldable } from "./process.ts";
export { allOf, anyOf } from "./condition.ts";
export { Resource } from "./resource.ts";
export { FluidNetwork, Flow, type Constraint, type FlowOptions } from "./fluid-network.ts";
export { FlowMeter, type MeterSink } from "./flow-meter.ts";
export { maxMinRates, MaxMinScratch, type MaxMinProblem, type MaxMinResult } from "./max-min.ts";
export { RandomStreams, RandomStream } from "./random.ts";
export {
  empiricalFromPercentiles,
  empiricalFromFioPercentiles,
  type EmpiricalDistribution,
  type PercentilePoint,
} from "./empirical.ts";
export { SimInvariantError, SimHandlerError, isSimError } from "./errors.ts";
export * from "./time.ts";
