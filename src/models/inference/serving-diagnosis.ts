/**
 * Plain-language findings for a serving workload, from its outcome. Pure; thresholds are in the messages'
 * logic below and the numbers are printed beside them so a reader can check them.
 */
import { summarize } from "./latency-stats.ts";
import type { InferenceOutcome } from "./outcome.ts";
import { totalServingTime } from "./serving-time.ts";

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const sec = (us: number): string => `${(us / 1e6).toFixed(us < 10e6 ? 2 : 1)} s`;

/**
 * Findings for `o`, whose weights come from storage preset `storage`: cold-start time and the share the model
 * load takes of it (storage-bound when above half), GPU time lost to loads and warm idling, and how many
 * requests waited for a cold start. At least one line.
 */
export function diagnoseServing(o: InferenceOutcome, storage: string): string[] {
  const out: string[] = [];
  const total = totalServingTime(o.gpuTime);
  const load = summarize(o.loadUs);
  const cold = summarize(o.coldStartUs);
  if (cold.count > 0) {
    const share = cold.mean > 0 ? load.mean / cold.mean : 0;
    out.push(
      `${o.name}: ${o.coldStarts} cold starts took ${sec(cold.p50)} at p50 (max ${sec(cold.max)}); the model load from ${storage} ` +
        `is ${pct(share)} of it (p50 ${sec(load.p50)}, max ${sec(load.max)})` +
        (share > 0.5 ? ": cold starts are storage-bound" : ""),
    );
  } else out.push(`${o.name}: no cold start completed`);
  if (total > 0) {
    const g = o.gpuTime;
    out.push(
      `${o.name}: of the pool's GPU time, ${pct(g.compute / total)} serving, ${pct(g.modelLoad / total)} loading the model, ` +
        `${pct(g.startup / total)} starting, ${pct(g.idleWarm / total)} warm and idle, ${pct(g.unallocated / total)} unallocated`,
    );
  }
  if (o.waitedForColdStart > 0) {
    out.push(`${o.name}: ${o.waitedForColdStart} of ${o.served} served requests waited for a cold start`);
  }
  if (o.arrived > o.served)
    out.push(`${o.name}: ${o.arrived - o.served} of ${o.arrived} requests had no first token by the end`);
  return out;
}
