/**
 * M/M/1 FIFO benchmark. Prints one JSON line:
 *   {"customers":N,"meanWait":W,"wallSeconds":T,...}
 * meanWait = mean time in queue before service (seconds of simulated time); wallSeconds = the simulation
 * loop alone. Usage:
 *   npx tsx test/bench/mm1.ts --customers N --lambda L --mu M --seed S [--style callbacks|processes]
 */
import { parseArgs } from "node:util";
import { simulateQueueCallbacks, simulateQueueProcesses } from "../helpers/queues.ts";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "1000000" },
    lambda: { type: "string", default: "0.9" },
    mu: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
    style: { type: "string", default: "callbacks" },
  },
});

function num(name: string, v: string | undefined, integer = false): number {
  const x = Number(v);
  if (!Number.isFinite(x) || x <= 0 || (integer && !Number.isInteger(x))) {
    process.stderr.write(`mm1: invalid --${name}: ${v} (expected a positive ${integer ? "integer" : "number"})\n`);
    process.exit(2);
  }
  return x;
}

const params = {
  customers: num("customers", values.customers, true),
  lambda: num("lambda", values.lambda),
  mu: num("mu", values.mu),
  seed: values.seed ?? "1",
};
if (params.lambda >= params.mu) {
  process.stderr.write(`mm1: --lambda ${params.lambda} must be below --mu ${params.mu} for a stable queue\n`);
  process.exit(2);
}
if (values.style !== "callbacks" && values.style !== "processes") {
  process.stderr.write(`mm1: invalid --style: ${values.style} (expected callbacks or processes)\n`);
  process.exit(2);
}
const run = values.style === "processes" ? simulateQueueProcesses(params) : simulateQueueCallbacks(params);
process.stdout.write(
  JSON.stringify({
    customers: run.customers,
    meanWait: run.meanWait,
    wallSeconds: run.wallSeconds,
    events: run.events,
    style: values.style,
    theoryWait: params.lambda / params.mu / (params.mu - params.lambda),
  }) + "\n",
);
