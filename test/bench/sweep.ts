/**
 * Sweep benchmark (issue #7): a 1,000-point grid over the bundled llm-pretrain-ebs-gp3 scenario (a week of
 * 70B-class pre-training with hourly 988 GB checkpoints), asking which checkpoint volume, provisioned
 * throughput, interval, mode and cluster size keep 64–1,024 H100s busy: 4 presets × 5 throughputs × 5
 * intervals × 2 modes × 5 GPU counts, in bulk-advance fidelity (a week of 1,024 GPUs per point). Times the
 * whole sweep as `stallsim sweep --json` does it, in this fresh process: validating every point, starting the
 * worker threads, simulating, summarising and writing the JSON. Prints one JSON line.
 *
 *   npx tsx test/bench/sweep.ts --workers 2
 */
import { createHash } from "node:crypto";
import { loadScenario } from "../../src/scenarios/bundled.ts";
import type { PlainValue } from "../../src/scenarios/parse-text.ts";
import { sweepJson } from "../../src/studies/sweep/output.ts";
import { prepareSweep } from "../../src/studies/sweep/prepare.ts";
import { runSweep } from "../../src/studies/sweep/run-sweep.ts";

/** What the benchmark sweeps (exported for run-all's report). */
export const SWEEP_BENCH = {
  scenario: "llm-pretrain-ebs-gp3",
  fidelity: "bulk",
  params: [
    "storage.checkpoints.preset=ebs-gp3,ebs-io2,azure-premium-ssd-v2,gcp-hyperdisk-balanced",
    "storage.checkpoints.throughput=125MiB/s,250MiB/s,500MiB/s,750MiB/s,1000MiB/s",
    "jobs[0].checkpoint.interval=15m,30m,1h,2h,4h",
    "jobs[0].checkpoint.mode=sync,async",
    "jobs[0].gpus=64,128,256,512,1024",
  ],
} as const;

async function main(): Promise<void> {
  const at = process.argv.indexOf("--workers");
  const workers = at >= 0 ? Number(process.argv[at + 1]) : 2;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { data, source } = await loadScenario(SWEEP_BENCH.scenario);
  const prepared = await prepareSweep({
    document: data as PlainValue,
    source,
    params: SWEEP_BENCH.params,
    fidelity: SWEEP_BENCH.fidelity,
  });
  const t1 = performance.now();
  const points = await runSweep(prepared, { workers });
  const t2 = performance.now();
  const json = sweepJson({ sweep: prepared.definition, points }, false);
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const utilisation = points.map((p) => p.summary.alternatives[0]?.utilisation ?? NaN);
  process.stdout.write(
    `${JSON.stringify({
      points: points.length,
      workers,
      wallSeconds: (t3 - t0) / 1e3,
      prepareSeconds: (t1 - t0) / 1e3,
      runSeconds: (t2 - t1) / 1e3,
      jsonSeconds: (t3 - t2) / 1e3,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      jsonBytes: json.length,
      jsonSha256: createHash("sha256").update(json).digest("hex"),
      utilisationMin: Math.min(...utilisation),
      utilisationMax: Math.max(...utilisation),
      hash: prepared.definition.hash,
    })}\n`,
  );
}

if (process.argv[1]?.endsWith("sweep.ts")) await main();
