/**
 * Engine throughput with a fixed number of pending events (the classic "hold" model): every event
 * re-posts itself with an exponential delay, so the queue stays at `pending` entries. Also tracks V8 heap
 * use after forced GCs to show memory stays bounded (no per-event leak). Prints one JSON line.
 *
 *   node --expose-gc --import tsx test/bench/events.ts --pending N --events E [--api post|schedule]
 */
import { parseArgs } from "node:util";
import { Engine } from "../../src/sim/engine.ts";
import { Priority } from "../../src/sim/priority.ts";

const { values } = parseArgs({
  options: {
    pending: { type: "string", default: "1" },
    events: { type: "string", default: "10000000" },
    api: { type: "string", default: "post" },
    samples: { type: "string", default: "10" },
  },
});
const pending = Number(values.pending);
const total = Number(values.events);
const samples = Number(values.samples);
const useSchedule = values.api === "schedule";

const engine = new Engine({ seed: 1 });
const rng = engine.random("hold");
const MEAN = 1_000_000; // 1 s mean delay in µs

function hold(): void {
  const d = Math.round(rng.exponential(MEAN));
  if (useSchedule) engine.schedule(d, Priority.NORMAL, hold);
  else engine.post(d, Priority.NORMAL, hold);
}
for (let i = 0; i < pending; i++) engine.post(Math.round(rng.exponential(MEAN)), Priority.NORMAL, hold);

const gc = (globalThis as { gc?: () => void }).gc;
const heap = (): number => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

// Warm-up (JIT), not timed.
engine.runUntilIdle(Math.min(total / 10, 1_000_000));
const heapSamples: number[] = [heap()];
const chunk = Math.ceil(total / samples);
let ran = 0;
let wall = 0;
while (ran < total) {
  const t0 = performance.now();
  ran += engine.runUntilIdle(Math.min(chunk, total - ran));
  wall += performance.now() - t0;
  heapSamples.push(heap());
}
process.stdout.write(
  JSON.stringify({
    pending,
    events: ran,
    api: useSchedule ? "schedule" : "post",
    wallSeconds: wall / 1e3,
    eventsPerSecond: ran / (wall / 1e3),
    heapBytes: heapSamples,
    gcAvailable: gc !== undefined,
  }) + "\n",
);
