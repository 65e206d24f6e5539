/**
 * Bottleneck diagnosis: plain-language findings from GPU time by cause. Pure; thresholds are stated in the
 * messages so a reader can check them against the numbers beside them.
 */
import { CAUSES, totalGpuTime, type GpuTime } from "./gpu-time.ts";

/** Context the rules use beyond the GPU time. */
export interface DiagnosisContext {
  /** Data storage preset of the job with the most data wait. */
  readonly dataStorage?: string;
  /** Checkpoint mode used ("sync" | "async"), if any. */
  readonly checkpointMode?: string;
  /** True when recovery waits for an RWO volume's force-detach. */
  readonly rwoForceDetach?: boolean;
  /** Failures over the run. */
  readonly failures?: number;
  /** What "utilisation" is of, when not all GPU time (e.g. "utilisation of allocated GPUs" on a cluster). */
  readonly utilisationLabel?: string;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Findings, most important first. Always at least one. */
export function diagnose(gpu: GpuTime, ctx: DiagnosisContext = {}): string[] {
  const total = totalGpuTime(gpu);
  if (total <= 0) return ["no GPU time was simulated"];
  const share = Object.fromEntries(CAUSES.map((c) => [c, gpu[c] / total])) as Record<(typeof CAUSES)[number], number>;
  const out: string[] = [];
  const waits = (["dataWait", "dataPrep", "checkpointWait", "recovery", "lostWork", "idle"] as const)
    .map((c) => [c, share[c]] as const)
    .sort((a, b) => b[1] - a[1]);
  const [worst, worstShare] = waits[0]!;
  const util = ctx.utilisationLabel ?? "utilisation";
  if (share.compute < 0.7 && worst === "dataWait") {
    out.push(
      `${util} ${pct(share.compute)} is below 70% with data wait dominant (${pct(share.dataWait)}): storage-bound on reads` +
        (ctx.dataStorage ? ` from ${ctx.dataStorage}` : ""),
    );
  } else if (share.compute < 0.7 && worst === "dataPrep") {
    out.push(
      `${util} ${pct(share.compute)} is below 70% with the loader's CPU work dominant (${pct(share.dataPrep)}): CPU-bound data preparation`,
    );
  } else if (share.dataWait >= 0.05) {
    out.push(`GPUs wait for input data ${pct(share.dataWait)} of the time`);
  }
  if (share.dataPrep >= 0.05 && !(share.compute < 0.7 && worst === "dataPrep")) {
    out.push(`GPUs wait for the loader's CPU work (decode, collate, hand-off) ${pct(share.dataPrep)} of the time`);
  }
  if (share.checkpointWait >= 0.05) {
    out.push(
      `checkpoints block the GPUs ${pct(share.checkpointWait)} of the time` +
        (ctx.checkpointMode === "sync" ? ": asynchronous checkpoints would block only for the snapshot" : ""),
    );
  }
  const failureShare = share.recovery + share.lostWork;
  if (failureShare >= 0.05) {
    out.push(
      `failures cost ${pct(failureShare)} (recovery ${pct(share.recovery)}, lost work ${pct(share.lostWork)}` +
        (ctx.failures !== undefined ? ` over ${ctx.failures} failures` : "") +
        ")" +
        (ctx.rwoForceDetach
          ? "; each recovery waits 6 min for the RWO volume's force-detach: apply the out-of-service taint or use RWX storage"
          : ""),
    );
  }
  if (out.length === 0) {
    out.push(
      worstShare < 0.05
        ? `compute-bound: ${util} ${pct(share.compute)}, no storage-related cause above 5%`
        : `${util} ${pct(share.compute)}; largest loss is ${worst} (${pct(worstShare)})`,
    );
  }
  return out;
}
