/**
 * Same seed and model: identical event traces and byte-identical results. A different seed: a different
 * trace. The model mixes everything the engine offers: processes, a FIFO resource, fluid bandwidth
 * sharing with weights and caps, cancellation and several named random streams.
 */
import { describe, expect, test } from "vitest";
import { Engine } from "../../src/sim/engine.ts";
import { FluidNetwork } from "../../src/sim/fluid-network.ts";
import { Priority } from "../../src/sim/priority.ts";
import { spawn } from "../bench/process-layer/process.ts";
import { Resource } from "../bench/process-layer/resource.ts";
import { transfer } from "../bench/process-layer/transfer.ts";
import { ms } from "../../src/sim/time.ts";

function runModel(seed: number | string): { trace: string[]; result: string } {
  const trace: string[] = [];
  const engine = new Engine({
    seed,
    tracer: (t, cls, seq, handler) => trace.push(`${t} ${cls} ${seq} ${handler.name}`),
  });
  const net = new FluidNetwork(engine, "storage");
  const backend = net.addConstraint("backend", 2e9);
  const nics = [net.addConstraint("nic-0", 1.25e9), net.addConstraint("nic-1", 1.25e9)];
  const loaders = new Resource(engine, 3, "loaders");
  const sizes = engine.random("sample-size");
  const think = engine.random("compute");
  const failures = engine.random("failures");
  const done: number[] = [];

  for (let rank = 0; rank < 4; rank++) {
    spawn(
      engine,
      (function* () {
        for (let step = 0; step < 20; step++) {
          yield loaders.request();
          const bytes = Math.round(sizes.lognormal(16, 0.5));
          yield transfer(engine, net, bytes, [backend, nics[rank % 2]!], {
            weight: rank === 0 ? 2 : 1,
            tag: `r${rank}`,
          });
          loaders.release();
          yield Math.round(think.exponential(ms(5)));
        }
        done.push(engine.now);
      })(),
      `rank-${rank}`,
    );
  }
  // A checkpoint writer with a rate cap, started and sometimes aborted at random.
  const ckpt = net.start(4e9, [backend], { cap: 5e8, tag: "ckpt" });
  const abortAt = Math.round(failures.uniform(0, ms(200)));
  const h = engine.schedule(abortAt, Priority.ARRIVE, () => net.abort(ckpt));
  if (failures.bernoulli(0.5)) engine.cancel(h);
  engine.runUntilIdle();
  const result = JSON.stringify({
    done,
    end: engine.now,
    moved: net.bytesMoved(backend),
    ckpt: net.progress(ckpt),
    events: engine.processed,
  });
  return { trace, result };
}

describe("determinism", () => {
  test("the same seed twice gives identical event traces and byte-identical results", () => {
    const a = runModel(12345);
    const b = runModel(12345);
    expect(a.trace.length).toBeGreaterThan(200);
    expect(b.trace).toEqual(a.trace);
    expect(b.result).toBe(a.result);
  });

  test("a different seed gives a different trace", () => {
    const a = runModel(12345);
    const c = runModel(54321);
    expect(c.trace).not.toEqual(a.trace);
    expect(c.result).not.toBe(a.result);
  });
});
