/**
 * Fluid-sharing benchmark: how fast max-min rates are recomputed with N concurrent flows.
 *
 * Topology (a storage-shaped case): one backend aggregate, one volume cap per 10 flows, one node NIC per
 * 8 volumes; every flow crosses backend + its volume + its node's NIC; every 10th flow has a rate cap and
 * every 7th a weight of 4 (I/O priority). Two measures:
 * - `recomputationsPerSecond`: `reallocate()` (settle progress, max-min, finish times, reschedule) in a loop;
 * - churn: the engine runs while every completed flow starts a new one (N stays constant), so each
 *   completion costs one recomputation: `completionsPerSecond` end to end.
 *
 *   npx tsx test/bench/fluid.ts --flows N [--seconds S]
 */
import { parseArgs } from "node:util";
import { Engine } from "../../src/sim/engine.ts";
import { FluidNetwork, type Constraint } from "../../src/sim/fluid-network.ts";

const { values } = parseArgs({
  options: { flows: { type: "string", default: "1000" }, seconds: { type: "string", default: "2" } },
});
const n = Number(values.flows);
const budget = Number(values.seconds) * 1e3;

function build() {
  const engine = new Engine({ seed: 1 });
  const net = new FluidNetwork(engine, "bench");
  const rng = engine.random("sizes");
  const backend = net.addConstraint("backend", 20e9);
  const volumes: Constraint[] = [];
  const nics: Constraint[] = [];
  const nVol = Math.max(1, Math.ceil(n / 10));
  for (let v = 0; v < nVol; v++) {
    if (v % 8 === 0) nics.push(net.addConstraint(`nic-${nics.length}`, 12.5e9));
    volumes.push(net.addConstraint(`vol-${v}`, 1e9 * (0.5 + rng.next())));
  }
  const startFlow = (i: number): void => {
    const v = i % nVol;
    net.start(Math.round(rng.exponential(256e6)) + 1, [backend, volumes[v]!, nics[Math.floor(v / 8)]!], {
      cap: i % 10 === 0 ? 50e6 : undefined,
      weight: i % 7 === 0 ? 4 : 1,
      onComplete: startFlow,
      arg: i,
    });
  };
  for (let i = 0; i < n; i++) startFlow(i);
  return { engine, net };
}

// 1. Recomputation in a loop.
const a = build();
a.net.reallocate();
let recomputations = 0;
let t0 = performance.now();
let elapsed = 0;
while (elapsed < budget / 2) {
  for (let k = 0; k < 10; k++) a.net.reallocate();
  recomputations += 10;
  elapsed = performance.now() - t0;
}
const recomputationsPerSecond = recomputations / (elapsed / 1e3);

// 2. Churn: completions each trigger a recomputation; N flows stay active.
const b = build();
b.engine.runUntil(0);
const c0 = b.net.completions;
const r0 = b.net.reallocations;
t0 = performance.now();
elapsed = 0;
while (elapsed < budget / 2) {
  b.engine.runUntilIdle(200);
  elapsed = performance.now() - t0;
}
const completions = b.net.completions - c0;
const reallocs = b.net.reallocations - r0;
if (b.net.activeFlows !== n) throw new Error(`expected ${n} active flows, found ${b.net.activeFlows}`);

process.stdout.write(
  JSON.stringify({
    flows: n,
    constraints: 1 + Math.ceil(n / 10) + Math.ceil(Math.ceil(n / 10) / 8),
    recomputationsPerSecond,
    microsecondsPerRecomputation: 1e6 / recomputationsPerSecond,
    completionsPerSecond: completions / (elapsed / 1e3),
    churnRecomputationsPerSecond: reallocs / (elapsed / 1e3),
  }) + "\n",
);
