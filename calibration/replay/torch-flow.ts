/**
 * The README's flow for a PyTorch DataLoader, as the validations and the CI disk check run it: step 1, `stallsim
 * calibrate --run` (the CLI itself); the scenario the README maps the DataLoader's arguments to, predicted with
 * the replay harness's job (predict.ts); and the small helpers the PyTorch validations share.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadProfile, predict, type PredictWorkload, type Prediction } from "./predict.ts";
import type { LoaderCpu } from "../../src/models/training/job.ts";
import type { StorageProfile } from "../../src/models/storage/profile.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** A DataLoader's arguments, as the flow needs them. */
export interface LoaderArgs {
  readonly sampleBytes: number;
  readonly batchSize: number;
  readonly numWorkers: number;
  readonly prefetchFactor: number;
  readonly steps: number;
  readonly direct?: boolean;
}

/** Step 1 of the README: `stallsim calibrate --run` (the CLI itself), the profile file written to `out`. */
export function readmeCalibration(
  w: LoaderArgs,
  file: string,
  out: string,
  passes: number,
  seconds: number,
  threads: readonly number[] = [...new Set([1, Math.max(1, w.numWorkers)])],
): StorageProfile {
  const args = [
    path.join(root, "bin/stallsim.js"),
    "calibrate",
    "--run",
    file,
    "--name",
    path.basename(out, ".json"),
    "--sizes",
    String(w.sampleBytes),
    "--threads",
    threads.join(","),
    "--passes",
    String(passes),
    "--seconds",
    String(seconds),
    "-o",
    out,
    ...(w.direct === true ? ["--direct"] : []),
  ];
  const r = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`stallsim calibrate --run failed (${r.status}): ${r.stderr}`);
  return loadProfile(out);
}

/**
 * The scenario a README reader writes for the DataLoader (`loader: pytorch`, its arguments, `cpu` from
 * loader_cpu.py, this machine's cores), as the replay harness's job (predict.ts); persistent workers unless `more`
 * says otherwise.
 */
export function predictTorch(
  w: LoaderArgs,
  computeMs: number,
  datasetBytes: number,
  cpu: LoaderCpu,
  profile: StorageProfile,
  more: Pick<PredictWorkload, "persistentWorkers" | "checkpoint"> = { persistentWorkers: true },
): Prediction {
  return predict(
    {
      steps: w.steps,
      samplesPerStep: w.batchSize,
      sampleBytes: w.sampleBytes,
      workers: w.numWorkers,
      prefetchSteps: w.prefetchFactor,
      computeMs,
      datasetBytes,
      loader: "pytorch",
      cpu,
      cpuCores: os.cpus().length,
      ...more,
    },
    profile,
  );
}

/**
 * Batches each replay runs first, untimed, with the same persistent workers: what loader_cpu.py's drained rate
 * leaves out too (its first epoch). A days-long run amortises a fresh worker's slow first batches; a replay of a
 * few hundred steps would measure them.
 */
export const warmupBatches = (w: LoaderArgs): number => Math.max(16, 4 * w.numWorkers * w.prefetchFactor);

/** A 31-bit seed from a label. */
export function hashSeed(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 1) % 2 ** 31;
}

/** Replaces the text between `<!-- NAME:begin -->` and `<!-- NAME:end -->` (appending the pair when absent). */
export function replaceSection(doc: string, name: string, body: string): string {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  const block = `${begin}\n\n${body.trim()}\n\n${end}`;
  if (i < 0 || j < i) return `${doc.trimEnd()}\n\n${block}\n`;
  return doc.slice(0, i) + block + doc.slice(j + end.length);
}
