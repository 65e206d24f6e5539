/**
 * The engine's public surface (src/sim). Knows nothing about GPUs or storage; src/models builds on it.
 */
export { Engine, EventHandle, type EngineOptions, type Handler, type Tracer } from "./engine.ts";
export { Priority, PRIORITY_CLASSES, type PriorityClass } from "./priority.ts";
export { HeapQueue, type EventQueue } from "./event-queue.ts";
export { FluidNetwork, Flow, type Constraint, type FlowOptions } from "./fluid-network.ts";
export { FlowMeter, type MeterSink } from "./flow-meter.ts";
export { maxMinRates, MaxMinScratch, type MaxMinProblem, type MaxMinResult } from "./max-min.ts";
export { RandomStreams, RandomStream } from "./random.ts";
export { SimInvariantError, SimHandlerError, isSimError } from "./errors.ts";
export * from "./time.ts";
