/**
 * `npm run validate:torch`: the README's calibration flow against a real PyTorch DataLoader on this machine's
 * disk. For each workload, in each round, exactly what the README tells a user to do:
 *
 *   1. `stallsim calibrate --run DATAFILE --name … --sizes SAMPLE --threads 1,WORKERS [--direct]` (the CLI
 *      itself, as a subprocess: fio reads the data file the way the loader does, in 3 passes);
 *   2. `python3 calibration/loader_cpu.py --dataset … --batch B --workers W --prefetch P` (the loader's CPU
 *      costs, data in memory);
 *   3. the training run: torch_replay.py, a real `torch.utils.data.DataLoader` (map-style dataset reading one
 *      sample per `pread`, buffered or O_DIRECT, optional zlib decode or hashing per sample, persistent workers
 *      warmed up by a few dozen untimed batches: a long run's steady state), an emulated accelerator sleeping
 *      its compute time per batch — replayed `STALLSIM_VALIDATE_REPEATS` times;
 *
 * and the prediction is the scenario the README maps that DataLoader to (`data.loader: pytorch`, workers,
 * prefetch, batch, `data.cpu` from step 2, the machine's cores, the profile from step 1). Each workload's
 * prediction is the mean over its rounds' profiles; the range over every calibration pass is printed beside it.
 * Nothing is set per workload beyond the DataLoader's own arguments. Writes the PyTorch section of
 * docs/VALIDATION.md (STALLSIM_VALIDATE_ONLY=a,b: those workloads only, printed, the doc left alone).
 *
 * Env: STALLSIM_VALIDATE_ROUNDS (default 2), STALLSIM_VALIDATE_REPEATS (replays per round, default 3),
 * STALLSIM_FIO_RUNTIME (seconds per fio run, default 2), STALLSIM_PYTHON, STALLSIM_REPLAY_FILE.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "prettier";
import { agreement, mean } from "./agreement.ts";
import { prepareDataFile } from "./replay.ts";
import { hashSeed, predictTorch, readmeCalibration, replaceSection, warmupBatches } from "./torch-flow.ts";
import { measureLoaderCpu, prepareZlibFile, runTorchReplay, type SampleCpu, type TorchReplayResult } from "./torch.ts";
import type { LoaderCpu } from "../../src/models/training/job.ts";
import type { StorageProfile } from "../../src/models/storage/profile.ts";

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** A DataLoader workload: its arguments, the sample's CPU work, the emulated compute. */
export interface TorchWorkload {
  readonly name: string;
  /** What bounds it, as designed (storage, CPU, compute, or balanced): a label, not an input. */
  readonly regime: string;
  readonly sampleBytes: number;
  readonly batchSize: number;
  readonly numWorkers: number;
  readonly prefetchFactor: number;
  readonly computeMs: number;
  readonly steps: number;
  readonly direct?: boolean;
  readonly cpu?: SampleCpu;
}

/**
 * 4 KiB to 8 MiB samples, 0 to 8 workers, prefetch 1 to 4, buffered and O_DIRECT, with and without CPU work per
 * sample, from storage- to CPU- to compute-bound on a 2-core VM. Each run reads at most ~1.6 GB (see
 * validate.ts: this VM's buffered reads slow down once the page cache grows by ~3.5 GB in a run).
 */
export const TORCH_WORKLOADS: readonly TorchWorkload[] = [
  {
    name: "4k-w0",
    regime: "storage+cpu",
    sampleBytes: 4 * KiB,
    batchSize: 64,
    numWorkers: 0,
    prefetchFactor: 2,
    computeMs: 3,
    steps: 300,
  },
  {
    name: "4k-w2-p2",
    regime: "cpu",
    sampleBytes: 4 * KiB,
    batchSize: 128,
    numWorkers: 2,
    prefetchFactor: 2,
    computeMs: 8,
    steps: 200,
  },
  {
    name: "4k-w8-p4-direct",
    regime: "cpu",
    sampleBytes: 4 * KiB,
    batchSize: 256,
    numWorkers: 8,
    prefetchFactor: 4,
    computeMs: 10,
    steps: 100,
    direct: true,
  },
  {
    name: "16k-w2-p2-zlib",
    regime: "cpu",
    sampleBytes: 16 * KiB,
    batchSize: 32,
    numWorkers: 2,
    prefetchFactor: 2,
    computeMs: 5,
    steps: 200,
    cpu: { kind: "zlib", level: 1 },
  },
  {
    name: "64k-w4-p1",
    regime: "balanced",
    sampleBytes: 64 * KiB,
    batchSize: 64,
    numWorkers: 4,
    prefetchFactor: 1,
    computeMs: 15,
    steps: 150,
  },
  {
    name: "64k-w1-p4-hash",
    regime: "cpu",
    sampleBytes: 64 * KiB,
    batchSize: 32,
    numWorkers: 1,
    prefetchFactor: 4,
    computeMs: 8,
    steps: 150,
    cpu: { kind: "hash", rounds: 8 },
  },
  {
    name: "256k-w2-p4-direct",
    regime: "storage",
    sampleBytes: 256 * KiB,
    batchSize: 16,
    numWorkers: 2,
    prefetchFactor: 4,
    computeMs: 6,
    steps: 200,
    direct: true,
  },
  {
    name: "256k-w4-p2-zlib",
    regime: "cpu",
    sampleBytes: 256 * KiB,
    batchSize: 8,
    numWorkers: 4,
    prefetchFactor: 2,
    computeMs: 10,
    steps: 150,
    cpu: { kind: "zlib", level: 1 },
  },
  {
    name: "1m-w0-direct",
    regime: "storage",
    sampleBytes: 1 * MiB,
    batchSize: 8,
    numWorkers: 0,
    prefetchFactor: 2,
    computeMs: 10,
    steps: 100,
    direct: true,
  },
  {
    name: "1m-w1-p2",
    regime: "storage",
    sampleBytes: 1 * MiB,
    batchSize: 8,
    numWorkers: 1,
    prefetchFactor: 2,
    computeMs: 5,
    steps: 150,
  },
  {
    name: "1m-w4-p2-direct",
    regime: "compute",
    sampleBytes: 1 * MiB,
    batchSize: 16,
    numWorkers: 4,
    prefetchFactor: 2,
    computeMs: 25,
    steps: 80,
    direct: true,
  },
  {
    name: "4m-w2-p3",
    regime: "balanced",
    sampleBytes: 4 * MiB,
    batchSize: 4,
    numWorkers: 2,
    prefetchFactor: 3,
    computeMs: 15,
    steps: 80,
  },
  {
    name: "8m-w2-p1",
    regime: "storage",
    sampleBytes: 8 * MiB,
    batchSize: 4,
    numWorkers: 2,
    prefetchFactor: 1,
    computeMs: 30,
    steps: 50,
  },
  {
    name: "8m-w4-p2-direct",
    regime: "compute",
    sampleBytes: 8 * MiB,
    batchSize: 4,
    numWorkers: 4,
    prefetchFactor: 2,
    computeMs: 80,
    steps: 40,
    direct: true,
  },
];

const ROUNDS = Math.max(1, Number(process.env.STALLSIM_VALIDATE_ROUNDS ?? 2));
const REPEATS = Math.max(1, Number(process.env.STALLSIM_VALIDATE_REPEATS ?? 3));
const FIO_RUNTIME = Math.max(1, Number(process.env.STALLSIM_FIO_RUNTIME ?? 2));
const PASSES = 3;

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The data file a workload reads: the plain file, or a file of zlib-stored samples of its size. */
async function dataFileFor(w: TorchWorkload, plain: string): Promise<string> {
  if (w.cpu?.kind !== "zlib") return plain;
  const file = path.join(path.dirname(plain), `stallsim-zlib-${w.sampleBytes}.bin`);
  await prepareZlibFile(file, w.sampleBytes, 2 * GiB, w.cpu.level);
  return file;
}

/** One workload's results. */
export interface TorchRow {
  readonly w: TorchWorkload;
  readonly replays: readonly TorchReplayResult[];
  /** Predicted AU with each round's profile (all passes fitted together). */
  readonly predictedAu: readonly number[];
  /** Predicted AU with each calibration pass's profile alone (every round). */
  readonly passAu: readonly number[];
  readonly predictedStepMs: number;
  readonly cpu: readonly LoaderCpu[];
  readonly measuredAu: number;
  readonly meanPredictedAu: number;
  readonly errorPoints: number;
  readonly sePoints: number;
  readonly measuredStepMs: number;
  /** The profile's worst pass-to-pass spread, per round. */
  readonly spread: readonly number[];
}

async function validateWorkload(w: TorchWorkload, plain: string, outDir: string, stamp: string): Promise<TorchRow> {
  const file = await dataFileFor(w, plain);
  const datasetBytes = Math.floor(statSync(file).size / w.sampleBytes) * w.sampleBytes;
  const replays: TorchReplayResult[] = [];
  const rounds: { profile: StorageProfile; cpu: LoaderCpu; replays: TorchReplayResult[]; spread: number }[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    const out = path.join(outDir, `${w.name}-round${k + 1}.json`);
    console.error(`${w.name}: round ${k + 1}/${ROUNDS}: stallsim calibrate --run (${PASSES} passes)`);
    const profile = readmeCalibration(w, file, out, PASSES, FIO_RUNTIME);
    const spread = (JSON.parse(readFileSync(out, "utf8")) as { repeatability?: { worstSpread: number } }).repeatability
      ?.worstSpread;
    console.error(`${w.name}: round ${k + 1}/${ROUNDS}: loader_cpu.py`);
    const { cpu } = await measureLoaderCpu({ ...w, file });
    const mine: TorchReplayResult[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const res = await runTorchReplay({
        ...w,
        file,
        seed: hashSeed(`${w.name}/${stamp}/${k}/${r}`),
        persistentWorkers: true,
        warmupBatches: warmupBatches(w),
      });
      mine.push(res);
      console.error(`${w.name}: round ${k + 1}: replay ${r + 1}/${REPEATS}: AU ${res.au.toFixed(3)}`);
    }
    replays.push(...mine);
    rounds.push({ profile, cpu, replays: mine, spread: spread ?? 0 });
  }
  const preds = rounds.map((r) =>
    predictTorch(w, mean(r.replays.map((x) => x.meanComputeMs)), datasetBytes, r.cpu, r.profile),
  );
  const passAu = rounds.flatMap((r) =>
    (r.profile.calibrationPasses ?? []).map(
      (p) => predictTorch(w, mean(r.replays.map((x) => x.meanComputeMs)), datasetBytes, r.cpu, p).au,
    ),
  );
  const measuredAu = mean(replays.map((x) => x.au));
  const predictedAu = preds.map((p) => p.au);
  const a = agreement(
    predictedAu,
    replays.map((x) => x.au),
  );
  return {
    w,
    replays,
    predictedAu,
    passAu,
    predictedStepMs: mean(preds.map((p) => p.steadyStepMs)),
    cpu: rounds.map((r) => r.cpu),
    measuredAu,
    meanPredictedAu: mean(predictedAu),
    errorPoints: 100 * a.error,
    sePoints: 100 * a.se,
    measuredStepMs: mean(replays.map((x) => (x.totalMs - x.firstStepIoMs) / x.steps)),
    spread: rounds.map((r) => r.spread),
  };
}

const f = (x: number, d: number): string => x.toFixed(d);
const size = (b: number): string => (b >= MiB ? `${b / MiB} MiB` : `${b / KiB} KiB`);
const cpuText = (c: SampleCpu | undefined): string =>
  c == null ? "—" : c.kind === "zlib" ? `zlib decode (level ${c.level})` : `sha256 × ${c.rounds}`;

/** The results table (markdown). */
export function torchTable(rows: readonly TorchRow[]): string {
  const head =
    "| workload | sample | batch | workers | prefetch | I/O | CPU work | compute ms | regime | measured AU (range) | predicted AU (passes' range) | error (pts) | ± 2 SE | measured step ms | predicted step ms | CPU per sample / batch / main µs | volume spread |";
  const lines = rows.map((r) => {
    const au = r.replays.map((x) => x.au);
    const c = r.cpu[0]!;
    return [
      r.w.name,
      size(r.w.sampleBytes),
      r.w.batchSize,
      r.w.numWorkers,
      r.w.numWorkers === 0 ? "—" : r.w.prefetchFactor,
      r.w.direct === true ? "O_DIRECT" : "buffered",
      cpuText(r.w.cpu),
      `${r.w.computeMs} (actual ${f(mean(r.replays.map((x) => x.meanComputeMs)), 2)})`,
      r.w.regime,
      `${f(r.measuredAu, 3)} (${f(Math.min(...au), 3)}–${f(Math.max(...au), 3)})`,
      `${f(r.meanPredictedAu, 3)} (${f(Math.min(...r.passAu), 3)}–${f(Math.max(...r.passAu), 3)})`,
      (r.errorPoints >= 0 ? "+" : "") + f(r.errorPoints, 1) + (Math.abs(r.errorPoints) > 5 ? " **MISS**" : ""),
      f(2 * r.sePoints, 1),
      f(r.measuredStepMs, 2),
      f(r.predictedStepMs, 2),
      `${f(c.sampleUs, 0)} / ${f(c.batchUs, 0)} / ${f(c.mainBatchUs, 0)}`,
      r.spread.map((s) => `${f(100 * s, 0)}%`).join(", "),
    ].join(" | ");
  });
  return [head, `|${"---|".repeat(17)}`, ...lines.map((l) => `| ${l} |`)].join("\n");
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const load = os.loadavg();
  const plain = process.env.STALLSIM_REPLAY_FILE ?? "/tmp/stallsim-replay-8g.bin";
  await prepareDataFile(plain, 8 * GiB);
  const day = new Date().toISOString().slice(0, 10);
  const outDir = path.join(root, "calibration/profiles", `validate-torch-${day}`);
  mkdirSync(outDir, { recursive: true });
  const only = process.env.STALLSIM_VALIDATE_ONLY?.split(",").filter((x) => x !== "");
  const unknown = only?.filter((n) => !TORCH_WORKLOADS.some((w) => w.name === n)) ?? [];
  if (unknown.length > 0) throw new Error(`STALLSIM_VALIDATE_ONLY: no workload named ${unknown.join(", ")}`);
  const stamp = new Date().toISOString();
  const rows: TorchRow[] = [];
  for (const w of TORCH_WORKLOADS.filter((x) => only === undefined || only.includes(x.name))) {
    const row = await validateWorkload(w, plain, outDir, stamp);
    rows.push(row);
    console.error(
      `${w.name}: measured AU ${f(row.measuredAu, 3)} predicted ${f(row.meanPredictedAu, 3)} (${f(row.errorPoints, 1)} pts ± ${f(2 * row.sePoints, 1)})`,
    );
  }
  const mae = mean(rows.map((r) => Math.abs(r.errorPoints)));
  const t = torchTable(rows);
  console.log(t);
  const misses = rows.filter((r) => Math.abs(r.errorPoints) > 5);
  console.log(`mean |AU error| ${f(mae, 1)} points; beyond ±5: ${misses.map((r) => r.w.name).join(", ") || "none"}`);
  if (only !== undefined) return;
  const doc = path.join(root, "docs/VALIDATION.md");
  const section = torchSection({
    rows,
    mae,
    table: t,
    seconds: (performance.now() - t0) / 1e3,
    load,
    outDir: path.relative(root, outDir),
  });
  writeFileSync(
    doc,
    await format(replaceSection(readFileSync(doc, "utf8"), "pytorch", section), {
      parser: "markdown",
      printWidth: 120,
    }),
  );
}

function torchSection(o: {
  rows: readonly TorchRow[];
  mae: number;
  table: string;
  seconds: number;
  load: number[];
  outDir: string;
}): string {
  const within = o.rows.filter((r) => Math.abs(r.errorPoints) <= 5).length;
  return [
    "## A real PyTorch DataLoader, with the README's calibration",
    "",
    "Each workload is a `torch.utils.data.DataLoader` (PyTorch " +
      (o.rows[0]?.replays[0]?.torch ?? "?") +
      ", Debian python3-torch) over a map-style dataset that reads one sample per `pread` from an 8 GiB file " +
      "(buffered, or O_DIRECT into an aligned buffer), optionally decodes it (zlib) or hashes it (sha256), and " +
      "returns a uint8 tensor; `batch_size`, `num_workers`, `prefetch_factor`, a seeded shuffle, persistent " +
      "workers; the training loop sleeps the compute time per batch (an emulated accelerator). Before the timed " +
      "epoch the same workers run a few dozen untimed batches from samples in the page cache, and the page cache " +
      "is dropped: the steady state of a long run (fresh worker processes are slow for their first batches). In " +
      "each round, exactly the README's steps: `stallsim calibrate --run DATAFILE --sizes SAMPLE --threads " +
      "1,WORKERS [--direct] --passes 3`, then `calibration/loader_cpu.py` with the workload's DataLoader " +
      "arguments, then the replays. The prediction is the scenario the README maps the DataLoader to " +
      "(`loader: pytorch`, the same arguments, `cpu` from loader_cpu.py, `cluster.cpuCores` = this machine's " +
      "cores), run at per-step fidelity with each round's profile; its AU is compared with the replays' mean " +
      "(MLPerf Storage's AU: compute over wall time less the first step's wait). Nothing is set per workload " +
      "beyond the DataLoader's own arguments. The ± column is two standard errors of the difference (rounds' " +
      "predictions and replays both vary: the volume spread column is `calibrate --run`'s pass-to-pass spread).",
    "",
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.hostname()} (${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ` +
      `load average ${o.load.map((x) => x.toFixed(2)).join(", ")} at the start), ${(o.seconds / 60).toFixed(0)} minutes, \`npm run validate:torch\`: ` +
      `**mean |AU error| ${f(o.mae, 1)} points, ${within} of ${o.rows.length} workloads within ±5**.`,
    "",
    o.table,
  ].join("\n");
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  });
}
