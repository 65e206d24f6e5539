/**
 * The PyTorch side of the validation: a real `torch.utils.data.DataLoader` replay (torch_replay.py), the
 * loader's CPU costs measured the way the README tells a user to (calibration/loader_cpu.py), and data files
 * with stored-compressed samples for real decode work. Needs a Python with PyTorch (Debian `python3-torch`):
 * `STALLSIM_PYTHON`, default /usr/bin/python3.
 */
import { execFileSync, spawn } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LoaderCpu } from "../../src/models/training/job.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The Python that runs the loaders. */
export const PYTHON = process.env.STALLSIM_PYTHON ?? "/usr/bin/python3";

/** True when `PYTHON` imports torch. */
export function hasTorch(): boolean {
  try {
    execFileSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The sample's CPU work in the dataset (torch_replay.py): none, zlib decode of a stored stream, or hashing. */
export type SampleCpu =
  null | { readonly kind: "zlib"; readonly level: number } | { readonly kind: "hash"; readonly rounds: number };

/** One DataLoader run, as torch_replay.py takes it. */
export interface TorchReplayOptions {
  readonly file: string;
  readonly sampleBytes: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly numWorkers: number;
  readonly prefetchFactor: number;
  readonly computeMs: number;
  readonly direct?: boolean;
  readonly cpu?: SampleCpu;
  readonly persistentWorkers?: boolean;
  /** Batches run first, untimed, by the same persistent workers (torch_replay.py): the steady state. */
  readonly warmupBatches?: number;
  readonly seed: number;
}

/** What torch_replay.py measured (ms). */
export interface TorchReplayResult {
  readonly totalMs: number;
  readonly computeMs: number;
  readonly meanComputeMs: number;
  readonly dataWaitMs: number;
  readonly firstStepIoMs: number;
  readonly au: number;
  readonly meanStepMs: number;
  readonly steps: number;
  readonly torch: string;
}

/** Runs python `args`, resolving with its stdout; rejects with its stderr's tail on failure. */
function python(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(PYTHON, [...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    p.on("error", reject);
    p.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${PYTHON} ${args[0]} exited ${code}: ${err.trim().slice(-2000)}`)),
    );
  });
}

/** One replay: a fresh Python process, the file evicted from the page cache first. */
export async function runTorchReplay(o: TorchReplayOptions): Promise<TorchReplayResult> {
  const out = await python([path.join(here, "torch_replay.py"), JSON.stringify(o)]);
  return JSON.parse(out.trim().split("\n").pop()!) as TorchReplayResult;
}

/** What loader_cpu.py prints: durations as "NNNus". */
interface LoaderCpuText {
  readonly perSample: string;
  readonly perBatch: string;
  readonly mainPerBatch: string;
  readonly workerStart: string;
}

/**
 * The loader's CPU costs, measured by calibration/loader_cpu.py with the replay's own Dataset (FileSamples), data
 * in memory — the README's step for `data.cpu`. A dataset that reads with O_DIRECT is measured reading buffered
 * (O_DIRECT bypasses the page cache the measurement relies on; calibration/README.md).
 */
export async function measureLoaderCpu(o: {
  readonly file: string;
  readonly sampleBytes: number;
  readonly batchSize: number;
  readonly numWorkers: number;
  readonly prefetchFactor: number;
  readonly cpu?: SampleCpu;
  readonly samples?: number;
}): Promise<{ cpu: LoaderCpu; text: LoaderCpuText }> {
  const count = Math.floor(statSync(o.file).size / o.sampleBytes);
  const args = {
    path: o.file,
    sample_bytes: o.sampleBytes,
    count,
    direct: false,
    cpu: o.cpu ?? null,
  };
  // loader_cpu.py's default (enough batches for the drained rate), held to ~768 MiB of samples in memory but
  // never fewer than twice the batches in flight plus four.
  const want = o.batchSize * Math.max(16, 4 * Math.max(1, o.numWorkers) * o.prefetchFactor);
  const floor = o.batchSize * (2 * Math.max(1, o.numWorkers) * o.prefetchFactor + 4);
  const cap = Math.floor((768 * 2 ** 20) / o.sampleBytes / o.batchSize) * o.batchSize;
  const samples = o.samples ?? Math.max(floor, Math.min(want, cap));
  const out = await python(
    [
      path.join(here, "../loader_cpu.py"),
      "--dataset",
      "torch_replay:FileSamples",
      "--args",
      JSON.stringify(args),
      "--batch",
      String(o.batchSize),
      "--workers",
      String(o.numWorkers),
      "--prefetch",
      String(o.prefetchFactor),
      "--samples",
      String(samples),
    ],
    { PYTHONPATH: here },
  );
  const text = JSON.parse(out.trim().split("\n").pop()!) as LoaderCpuText;
  const us = (s: string): number => Number(s.replace(/us$/, ""));
  return {
    text,
    cpu: {
      sampleUs: us(text.perSample),
      batchUs: us(text.perBatch),
      mainBatchUs: us(text.mainPerBatch),
      workerStartUs: us(text.workerStart),
    },
  };
}

/**
 * A data file of `bytes` whose samples of `sampleBytes` each hold a zlib stream of text (level `level`) padded
 * to the sample size: decoding one is real CPU work on data read from the disk. Made once (kept when its size
 * matches).
 */
export async function prepareZlibFile(file: string, sampleBytes: number, bytes: number, level = 1): Promise<void> {
  try {
    if (statSync(file).size === Math.floor(bytes / sampleBytes) * sampleBytes) return;
  } catch {
    // not there yet
  }
  await python([
    path.join(here, "torch_replay.py"),
    "--prepare-zlib",
    file,
    String(sampleBytes),
    String(Math.floor(bytes / sampleBytes)),
    String(level),
  ]);
}

/** A DataLoader replay with checkpoints (ckpt_replay.py `checkpoint`). */
export interface CheckpointReplayOptions extends TorchReplayOptions {
  readonly checkpoint: {
    readonly bytes: number;
    readonly everySteps: number;
    readonly mode: "sync" | "async";
    /** Where the checkpoint files go (the data file's volume). */
    readonly dir: string;
    /** The emulated accelerator's device-to-host link, bytes/s (the snapshot of an async checkpoint). */
    readonly hostLinkBps: number;
  };
}

/** What ckpt_replay.py `checkpoint` measured (ms). */
export interface CheckpointReplayResult extends Omit<TorchReplayResult, "meanStepMs"> {
  /** The training loop's time in checkpoints: save + fsync (sync); waiting for the previous write and the snapshot (async). */
  readonly checkpointStallMs: number;
  readonly checkpoints: number;
  /** Mean time of one torch.save + fsync. */
  readonly meanSaveMs: number;
  /** Waiting for the last background write after the last step (async). */
  readonly lastWriteTailMs: number;
}

export async function runCheckpointReplay(o: CheckpointReplayOptions): Promise<CheckpointReplayResult> {
  const out = await python([path.join(here, "ckpt_replay.py"), "checkpoint", JSON.stringify(o)], {
    PYTHONPATH: here,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as CheckpointReplayResult;
}

/** A model load (ckpt_replay.py `load`): `streams` threads read `bytes` of `file` in `requestBytes` preads. */
export interface ModelLoadOptions {
  readonly file: string;
  readonly bytes: number;
  readonly streams: number;
  readonly requestBytes: number;
  readonly direct?: boolean;
}

export async function runModelLoad(o: ModelLoadOptions): Promise<{ loadMs: number; mibPerSecond: number }> {
  const out = await python([path.join(here, "ckpt_replay.py"), "load", JSON.stringify(o)], { PYTHONPATH: here });
  return JSON.parse(out.trim().split("\n").pop()!) as { loadMs: number; mibPerSecond: number };
}

/** A weights file of `bytes` random bytes at `file` (kept when it already has that size). */
export async function prepareWeights(file: string, bytes: number): Promise<void> {
  await python([path.join(here, "ckpt_replay.py"), "prepare-weights", file, String(bytes)], { PYTHONPATH: here });
}
