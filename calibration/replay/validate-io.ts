/**
 * `npm run validate:io`: checkpoints and model loads, real against predicted, with the README's calibration.
 *
 * Checkpoints. A real DataLoader replay (ckpt_replay.py: one rank, 1 MiB samples from the data file, an
 * emulated accelerator) with `torch.save` + fsync of 0.5–4 GiB every N steps to the same volume, sync (the loop
 * waits for the write) or async (a background thread writes while training and the loader's reads go on; the
 * loop waits for the snapshot and for a previous write still running), and the same replay without checkpoints.
 * Compared with the model: the checkpoint stall (the loop's time in checkpoints against the predicted
 * `checkpointWait`), and the change of the data wait that checkpoints cause (the seed's "checkpoint writes
 * starving reads"). The prediction is the scenario a README reader writes: `checkpoint: { size, interval:
 * { steps: N }, mode }` (the default 4 MiB write requests), the data loader as in validate-torch.ts.
 *
 * Model loads. A weights file read by 1–8 threads, each its contiguous share in 16 MiB preads (the way a
 * safetensors loader reads tensors as byte ranges of one file), page cache dropped first; against the load time
 * `stallsim run` reports for a serving workload with that model size, `loader: { streams, requestSize }`, on
 * the profile that `stallsim calibrate --run WEIGHTS --sizes 16m --threads 1,2,4,8` wrote.
 *
 * Each round calibrates anew (3 passes) and then replays; the prediction is the mean over rounds. Writes the
 * "checkpoints" and "model loads" sections of docs/VALIDATION.md. Env: STALLSIM_VALIDATE_ROUNDS (2),
 * STALLSIM_VALIDATE_REPEATS (3), STALLSIM_VALIDATE_ONLY=checkpoint|load, STALLSIM_REPLAY_FILE.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "prettier";
import { mean } from "./agreement.ts";
import type { Prediction } from "./predict.ts";
import { prepareDataFile } from "./replay.ts";
import {
  measureLoaderCpu,
  prepareWeights,
  runCheckpointReplay,
  runModelLoad,
  type CheckpointReplayResult,
} from "./torch.ts";
import { hashSeed, predictTorch, readmeCalibration, replaceSection } from "./torch-flow.ts";
import type { TorchWorkload } from "./validate-torch.ts";

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

const ROUNDS = Math.max(1, Number(process.env.STALLSIM_VALIDATE_ROUNDS ?? 2));
const REPEATS = Math.max(1, Number(process.env.STALLSIM_VALIDATE_REPEATS ?? 3));
/** The emulated accelerator's device-to-host link: the replay job's (predict.ts). */
const HOST_LINK = 25e9;
const root = fileURLToPath(new URL("../../", import.meta.url));

/** The training loop the checkpoints interrupt: storage- and compute-balanced, 1 MiB samples, 2 workers. */
export const CKPT_LOADER: TorchWorkload = {
  name: "ckpt-loader",
  regime: "balanced",
  sampleBytes: MiB,
  batchSize: 8,
  numWorkers: 2,
  prefetchFactor: 2,
  computeMs: 20,
  steps: 160,
};

export interface CheckpointCase {
  readonly name: string;
  readonly bytes: number;
  readonly everySteps: number;
  readonly mode: "sync" | "async";
}

/** 0.5 to 4 GiB, sync and async; 2 to 4 checkpoints per replay. */
export const CHECKPOINT_CASES: readonly CheckpointCase[] = [
  { name: "512m-sync", bytes: 512 * MiB, everySteps: 40, mode: "sync" },
  { name: "1g-sync", bytes: GiB, everySteps: 40, mode: "sync" },
  { name: "2g-sync", bytes: 2 * GiB, everySteps: 50, mode: "sync" },
  { name: "4g-sync", bytes: 4 * GiB, everySteps: 80, mode: "sync" },
  { name: "1g-async", bytes: GiB, everySteps: 40, mode: "async" },
  { name: "2g-async", bytes: 2 * GiB, everySteps: 50, mode: "async" },
  { name: "4g-async", bytes: 4 * GiB, everySteps: 80, mode: "async" },
];

export interface LoadCase {
  readonly name: string;
  readonly streams: number;
  readonly direct: boolean;
}

export const LOAD_CASES: readonly LoadCase[] = [
  { name: "1-stream", streams: 1, direct: false },
  { name: "2-streams", streams: 2, direct: false },
  { name: "4-streams", streams: 4, direct: false },
  { name: "8-streams", streams: 8, direct: false },
  { name: "4-streams-direct", streams: 4, direct: true },
];
const WEIGHTS_BYTES = 3 * GiB;
const LOAD_REQUEST = 16 * MiB;

const f = (x: number, d: number): string => x.toFixed(d);
const pct = (x: number): string => `${x >= 0 ? "+" : ""}${f(100 * x, 1)}%`;
const size = (b: number): string => (b >= GiB ? `${b / GiB} GiB` : `${b / MiB} MiB`);

export interface CheckpointRow {
  readonly c: CheckpointCase;
  readonly replays: readonly CheckpointReplayResult[];
  readonly baseline: readonly CheckpointReplayResult[];
  /** Per checkpoint, ms. */
  readonly measuredStallMs: number;
  readonly predictedStallMs: number;
  readonly stallError: number;
  readonly measuredDataWaitChangeMs: number;
  readonly predictedDataWaitChangeMs: number;
  readonly measuredSaveMs: number;
  readonly checkpoints: number;
  readonly predictedCheckpoints: number;
}

async function validateCheckpoints(plain: string, outDir: string, stamp: string): Promise<CheckpointRow[]> {
  const w = CKPT_LOADER;
  const datasetBytes = Math.floor(statSync(plain).size / w.sampleBytes) * w.sampleBytes;
  const per = new Map<string, { replays: CheckpointReplayResult[]; preds: Prediction[] }>();
  const base: CheckpointReplayResult[] = [];
  const basePreds: Prediction[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    console.error(`checkpoints: round ${k + 1}/${ROUNDS}: stallsim calibrate --run`);
    const profile = readmeCalibration(w, plain, path.join(outDir, `checkpoint-round${k + 1}.json`), 3, 2);
    console.error(`checkpoints: round ${k + 1}/${ROUNDS}: loader_cpu.py`);
    const { cpu } = await measureLoaderCpu({ ...w, file: plain });
    const mine: CheckpointReplayResult[] = [];
    for (let r = 0; r < REPEATS; r++) {
      // The same replay without checkpoints: an interval longer than the run.
      const res = await runCheckpointReplay({
        ...w,
        file: plain,
        seed: hashSeed(`base/${stamp}/${k}/${r}`),
        checkpoint: {
          bytes: 1,
          everySteps: w.steps + 1,
          mode: "sync",
          dir: path.dirname(plain),
          hostLinkBps: HOST_LINK,
        },
      });
      mine.push(res);
      console.error(`checkpoints: round ${k + 1}: no checkpoints ${r + 1}/${REPEATS}: AU ${f(res.au, 3)}`);
    }
    base.push(...mine);
    const computeMs = mean(mine.map((x) => x.meanComputeMs));
    basePreds.push(predictTorch(w, computeMs, datasetBytes, cpu, profile, { persistentWorkers: false }));
    for (const c of CHECKPOINT_CASES) {
      const e = per.get(c.name) ?? { replays: [], preds: [] };
      per.set(c.name, e);
      const got: CheckpointReplayResult[] = [];
      for (let r = 0; r < REPEATS; r++) {
        const res = await runCheckpointReplay({
          ...w,
          file: plain,
          seed: hashSeed(`${c.name}/${stamp}/${k}/${r}`),
          checkpoint: { ...c, dir: path.dirname(plain), hostLinkBps: HOST_LINK },
        });
        got.push(res);
        console.error(
          `checkpoints: round ${k + 1}: ${c.name} ${r + 1}/${REPEATS}: stall ${f(res.checkpointStallMs / res.checkpoints, 0)} ms per checkpoint, save ${f(res.meanSaveMs, 0)} ms`,
        );
      }
      e.replays.push(...got);
      e.preds.push(
        predictTorch(w, mean(got.map((x) => x.meanComputeMs)), datasetBytes, cpu, profile, {
          persistentWorkers: false,
          checkpoint: { bytes: c.bytes, everySteps: c.everySteps, mode: c.mode },
        }),
      );
    }
  }
  const baseWait = mean(base.map((x) => x.dataWaitMs));
  const basePredWait = mean(basePreds.map((p) => p.dataWaitMs));
  return CHECKPOINT_CASES.map((c) => {
    const { replays, preds } = per.get(c.name)!;
    const n = mean(replays.map((x) => x.checkpoints));
    const measuredStallMs = mean(replays.map((x) => x.checkpointStallMs / x.checkpoints));
    const predictedStallMs = mean(preds.map((p) => p.checkpointWaitMs / Math.max(1, p.checkpoints)));
    return {
      c,
      replays,
      baseline: base,
      measuredStallMs,
      predictedStallMs,
      stallError: predictedStallMs / measuredStallMs - 1,
      measuredDataWaitChangeMs: mean(replays.map((x) => x.dataWaitMs)) - baseWait,
      predictedDataWaitChangeMs: mean(preds.map((p) => p.dataWaitMs)) - basePredWait,
      measuredSaveMs: mean(replays.map((x) => x.meanSaveMs)),
      checkpoints: n,
      predictedCheckpoints: mean(preds.map((p) => p.checkpoints)),
    };
  });
}

export interface LoadRow {
  readonly c: LoadCase;
  readonly measuredMs: readonly number[];
  readonly predictedMs: readonly number[];
  readonly error: number;
}

/** The load time `stallsim run` reports for a serving workload reading the weights with the profile. */
function predictLoad(c: LoadCase, profileFile: string, dir: string): number {
  const scenario = path.join(dir, `load-${c.name}.json`);
  writeFileSync(
    scenario,
    JSON.stringify({
      name: `validate-load-${c.name}`,
      seed: 1,
      cluster: { nodeType: "p5.48xlarge" },
      storage: { weights: { profile: path.basename(profileFile) } },
      jobs: [],
      inference: [
        {
          name: "load",
          model: { name: "validate-weights", size: WEIGHTS_BYTES, parameters: 1.5e9 },
          storage: "weights",
          placement: { nodes: 1 },
          replicas: { min: 1, max: 1, initial: 1 },
          loader: { streams: c.streams, requestSize: LOAD_REQUEST },
          arrivals: { kind: "poisson", rate: 0.01 },
          duration: "10m",
        },
      ],
    }),
  );
  const r = spawnSync(process.execPath, [path.join(root, "bin/stallsim.js"), "run", scenario, "--json"], {
    encoding: "utf8",
  });
  rmSync(scenario);
  if (r.status !== 0) throw new Error(`stallsim run (model load) failed (${r.status}): ${r.stderr}${r.stdout}`);
  const doc = JSON.parse(r.stdout) as {
    alternatives: { inference: { name: string; loadSeconds: { mean: number } }[] }[];
  };
  const w = doc.alternatives.flatMap((a) => a.inference).find((s) => s.name === "load");
  if (w === undefined) throw new Error(`stallsim run --json: no serving workload "load" in ${r.stdout.slice(0, 400)}`);
  return w.loadSeconds.mean * 1e3;
}

async function validateLoads(weights: string, outDir: string): Promise<LoadRow[]> {
  await prepareWeights(weights, WEIGHTS_BYTES);
  const acc = new Map<string, { m: number[]; p: number[] }>(LOAD_CASES.map((c) => [c.name, { m: [], p: [] }]));
  const streams = [...new Set(LOAD_CASES.map((c) => c.streams))].sort((a, b) => a - b);
  for (let k = 0; k < ROUNDS; k++) {
    for (const direct of [false, true]) {
      const cases = LOAD_CASES.filter((c) => c.direct === direct);
      if (cases.length === 0) continue;
      const label = `load${direct ? "-direct" : ""}-round${k + 1}`;
      console.error(`model loads: round ${k + 1}/${ROUNDS}: stallsim calibrate --run ${direct ? "--direct " : ""}`);
      const profileFile = path.join(outDir, `${label}.json`);
      readmeCalibration(
        {
          sampleBytes: LOAD_REQUEST,
          batchSize: 1,
          numWorkers: Math.max(...streams),
          prefetchFactor: 1,
          steps: 1,
          direct,
        },
        weights,
        profileFile,
        3,
        2,
        streams,
      );
      for (const c of cases) {
        const e = acc.get(c.name)!;
        e.p.push(predictLoad(c, profileFile, outDir));
        for (let r = 0; r < REPEATS; r++) {
          const res = await runModelLoad({
            file: weights,
            bytes: WEIGHTS_BYTES,
            streams: c.streams,
            requestBytes: LOAD_REQUEST,
            direct,
          });
          e.m.push(res.loadMs);
          console.error(`model loads: round ${k + 1}: ${c.name} ${r + 1}/${REPEATS}: ${f(res.loadMs, 0)} ms`);
        }
      }
    }
  }
  return LOAD_CASES.map((c) => {
    const e = acc.get(c.name)!;
    return { c, measuredMs: e.m, predictedMs: e.p, error: mean(e.p) / mean(e.m) - 1 };
  });
}

const range = (xs: readonly number[], d: number): string =>
  `${f(mean(xs), d)} (${f(Math.min(...xs), d)}–${f(Math.max(...xs), d)})`;

export function checkpointTable(rows: readonly CheckpointRow[]): string {
  const head =
    "| case | size | every | mode | checkpoints (predicted) | save + fsync ms (range) | stall per checkpoint ms, measured (range) | predicted | error | data-wait change ms, measured | predicted |";
  const lines = rows.map((r) => {
    const per = r.replays.map((x) => x.checkpointStallMs / x.checkpoints);
    return [
      r.c.name,
      size(r.c.bytes),
      `${r.c.everySteps} steps`,
      r.c.mode,
      `${f(r.checkpoints, 0)} (${f(r.predictedCheckpoints, 0)})`,
      range(
        r.replays.map((x) => x.meanSaveMs),
        0,
      ),
      range(per, 0),
      f(r.predictedStallMs, 0),
      pct(r.stallError) + (Math.abs(r.stallError) > 0.1 ? " **MISS**" : ""),
      f(r.measuredDataWaitChangeMs, 0),
      f(r.predictedDataWaitChangeMs, 0),
    ].join(" | ");
  });
  return [head, `|${"---|".repeat(11)}`, ...lines.map((l) => `| ${l} |`)].join("\n");
}

export function loadTable(rows: readonly LoadRow[]): string {
  const head =
    "| case | streams | I/O | load ms, measured (range) | predicted (rounds' range) | error | measured MiB/s |";
  const lines = rows.map((r) =>
    [
      r.c.name,
      r.c.streams,
      r.c.direct ? "O_DIRECT" : "buffered",
      range(r.measuredMs, 0),
      range(r.predictedMs, 0),
      pct(r.error) + (Math.abs(r.error) > 0.1 ? " **MISS**" : ""),
      f(WEIGHTS_BYTES / MiB / (mean(r.measuredMs) / 1e3), 0),
    ].join(" | "),
  );
  return [head, `|${"---|".repeat(7)}`, ...lines.map((l) => `| ${l} |`)].join("\n");
}

async function main(): Promise<void> {
  const only = process.env.STALLSIM_VALIDATE_ONLY;
  const t0 = performance.now();
  const load = os.loadavg();
  const plain = process.env.STALLSIM_REPLAY_FILE ?? "/tmp/stallsim-replay-8g.bin";
  await prepareDataFile(plain, 8 * GiB);
  const day = new Date().toISOString().slice(0, 10);
  const outDir = path.join(root, "calibration/profiles", `validate-io-${day}`);
  mkdirSync(outDir, { recursive: true });
  const stamp = new Date().toISOString();
  const when = `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.hostname()} (${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, load average ${load.map((x) => x.toFixed(2)).join(", ")} at the start)`;
  let doc = readFileSync(path.join(root, "docs/VALIDATION.md"), "utf8");
  if (only === undefined || only === "checkpoint") {
    const rows = await validateCheckpoints(plain, outDir, stamp);
    const t = checkpointTable(rows);
    console.log(t);
    const within = rows.filter((r) => Math.abs(r.stallError) <= 0.1).length;
    const mae = mean(rows.map((r) => Math.abs(r.stallError)));
    console.log(`checkpoint stall: mean |error| ${f(100 * mae, 1)}%, ${within} of ${rows.length} within ±10%`);
    doc = replaceSection(
      doc,
      "checkpoints",
      [
        "## Checkpoints: torch.save + fsync while a DataLoader reads",
        "",
        `Run ${when}, \`npm run validate:io\`, ${ROUNDS} rounds × ${REPEATS} replays of ${CKPT_LOADER.steps} steps (1 MiB samples, batch 8, 2 workers, prefetch 2, ${CKPT_LOADER.computeMs} ms compute), each round calibrated anew with \`stallsim calibrate --run\`; baseline data wait without checkpoints ${f(mean(rows[0]!.baseline.map((x) => x.dataWaitMs)), 0)} ms measured. ` +
          `**Checkpoint stall: mean |error| ${f(100 * mae, 1)}%, ${within} of ${rows.length} cases within ±10%.**`,
        "",
        t,
      ].join("\n"),
    );
  }
  if (only === undefined || only === "load") {
    const weights = path.join(path.dirname(plain), "stallsim-weights.bin");
    const rows = await validateLoads(weights, outDir);
    const t = loadTable(rows);
    console.log(t);
    const within = rows.filter((r) => Math.abs(r.error) <= 0.1).length;
    const mae = mean(rows.map((r) => Math.abs(r.error)));
    console.log(`model load: mean |error| ${f(100 * mae, 1)}%, ${within} of ${rows.length} within ±10%`);
    doc = replaceSection(
      doc,
      "model-loads",
      [
        "## Model loads: a multi-GB weights file, 1–8 streams",
        "",
        `Run ${when}, \`npm run validate:io\`: a ${size(WEIGHTS_BYTES)} weights file read in ${LOAD_REQUEST / MiB} MiB requests, ${ROUNDS} rounds × ${REPEATS} loads per case, each round calibrated with \`stallsim calibrate --run WEIGHTS --sizes 16m --threads ${[...new Set(LOAD_CASES.map((c) => c.streams))].join(",")}\`; the prediction is \`stallsim run\`'s mean model-load time for a serving workload with \`loader: { streams, requestSize: 16MiB }\`. ` +
          `**Load time: mean |error| ${f(100 * mae, 1)}%, ${within} of ${rows.length} cases within ±10%.**`,
        "",
        t,
      ].join("\n"),
    );
  }
  console.error(`validate:io took ${f((performance.now() - t0) / 60e3, 1)} minutes`);
  writeFileSync(path.join(root, "docs/VALIDATION.md"), await format(doc, { parser: "markdown", printWidth: 120 }));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  });
}
