/**
 * A fluid-network flow as an event a process can wait for: starts the flow and returns an event that succeeds
 * with it on completion (the process layer's bridge to src/sim/fluid-network.ts).
 */
import type { Engine } from "../../../src/sim/engine.ts";
import type { Constraint, Flow, FlowOptions, FluidNetwork } from "../../../src/sim/fluid-network.ts";
import { SimEvent } from "./sim-event.ts";

/** Starts a flow of `bytes` over `path`; the event succeeds with the flow when it completes. */
export function transfer(
  engine: Engine,
  net: FluidNetwork,
  bytes: number,
  path: readonly Constraint[],
  options: Omit<FlowOptions, "onComplete" | "arg"> = {},
): SimEvent<Flow> & { flow: Flow } {
  const ev = new SimEvent<Flow>(engine, options.tag ? `transfer ${options.tag}` : "transfer") as SimEvent<Flow> & {
    flow: Flow;
  };
  ev.flow = net.start(bytes, path, { ...options, onComplete: succeed, arg: ev });
  return ev;
}

function succeed(ev: SimEvent<Flow> & { flow: Flow }): void {
  ev.succeed(ev.flow);
}
