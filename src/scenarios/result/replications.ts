/**
 * Aggregating replications. Each alternative becomes the mean of its runs — every number a mean, the timeline
 * the first run's (runs differ in length, failures and checkpoints, and a mean of timelines would show events
 * that never happened) — and is then finished by the same builder as one run (alternative.ts), so every derived
 * number, and the diagnosis, comes from the means:
 * - utilisation = mean compute ÷ mean GPU-hours = total compute ÷ total GPU-hours of all runs, so the headline
 *   and the compute row of the causes agree;
 * - run rates = mean cost ÷ mean wall hours.
 *
 * Intervals are 95% bootstrap percentile intervals: the replications are resampled with replacement
 * (`BOOTSTRAP_RESAMPLES` times, from the stream `SEED/bootstrap`), the statistic is computed on each resample
 * the way it is on the runs (a ratio of sums for utilisation, a mean otherwise), and the 2.5th and 97.5th
 * percentiles are the bounds. A bootstrap statistic is always within what the quantity can be — a fraction in
 * [0, 1], a count or an amount ≥ 0 — so the intervals are too; they contain the mean. With few replications
 * they are narrow: they describe these runs, not every seed.
 */
import { CAUSES, totalGpuTime } from "../../models/gpu-time.ts";
import { RandomStreams } from "../../sim/random.ts";
import { finishAlternative, partsOf, type AlternativeParts } from "./alternative.ts";
import { BOOTSTRAP_RESAMPLES } from "./definitions.ts";
import type { AlternativeResult, Interval, JobResult } from "./types.ts";

/**
 * Element-wise mean of same-shaped values; strings, booleans and other leaves come from the first, and so do
 * arrays whose length differs between the values (e.g. the nodes of the i-th job of a run with job arrivals, which
 * is another job in another run).
 */
export function meanOf(values: readonly unknown[]): unknown {
  const first = values[0];
  if (typeof first === "number") return (values as number[]).reduce((a, b) => a + b, 0) / values.length;
  if (Array.isArray(first)) {
    if (values.some((v) => !Array.isArray(v) || v.length !== first.length)) return first;
    return first.map((_, i) => meanOf(values.map((v) => (v as unknown[])[i])));
  }
  if (first !== null && typeof first === "object") {
    return Object.fromEntries(
      Object.keys(first).map((k) => [k, meanOf(values.map((v) => (v as Record<string, unknown>)[k]))]),
    );
  }
  return first;
}

/** Draws bootstrap resamples of `n` runs: index lists, the same for every statistic of one aggregation. */
export function resamples(n: number, seed: number, count = BOOTSTRAP_RESAMPLES): number[][] {
  const rng = new RandomStreams(seed).stream("bootstrap");
  return Array.from({ length: count }, () => Array.from({ length: n }, () => rng.int(0, n - 1)));
}

/** The p-quantile (0–1) of sorted `xs`, linear between closest ranks. */
function quantile(xs: readonly number[], p: number): number {
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  return xs[lo]! + (h - lo) * ((xs[Math.min(lo + 1, xs.length - 1)] ?? xs[lo]!) - xs[lo]!);
}

/**
 * The 95% bootstrap percentile interval of a statistic of the runs, around its value on all runs.
 * @param stat the statistic of a list of run indices (e.g. a mean, or a ratio of sums).
 */
export function bootstrapInterval(
  n: number,
  draws: readonly number[][],
  stat: (runs: readonly number[]) => number,
): Interval {
  const all = Array.from({ length: n }, (_, i) => i);
  const mean = stat(all);
  if (n < 2) return { mean, low: mean, high: mean };
  const xs = draws.map(stat).sort((a, b) => a - b);
  return { mean, low: Math.min(mean, quantile(xs, 0.025)), high: Math.max(mean, quantile(xs, 0.975)) };
}

const meanAt = (values: readonly number[]) => (runs: readonly number[]) =>
  runs.reduce((a, i) => a + values[i]!, 0) / runs.length;

const ratioAt = (num: readonly number[], den: readonly number[]) => (runs: readonly number[]) => {
  const d = runs.reduce((a, i) => a + den[i]!, 0);
  return d > 0 ? runs.reduce((a, i) => a + num[i]!, 0) / d : 0;
};

/**
 * The alternatives of several replications (each a list in the same order) aggregated: means, finished like one
 * run, with 95% intervals on each alternative's headline and each job's AU, utilisation, completion and failures.
 */
export function aggregateAlternatives(
  runs: readonly (readonly AlternativeResult[])[],
  seed: number,
): AlternativeResult[] {
  const n = runs.length;
  const draws = resamples(n, seed);
  return runs[0]!.map((first, k) => {
    const alts = runs.map((r) => r[k]!);
    const mean = meanOf(alts.map((a) => ({ ...partsOf(a), timeline: null }))) as AlternativeParts;
    const finished = finishAlternative({ ...mean, name: first.name, kind: first.kind, timeline: first.timeline });
    const total = alts.map((a) => totalGpuTime(a.gpuHours.byCause));
    const compute = alts.map((a) => a.gpuHours.byCause.compute);
    const jobs = finished.jobs.map((j, i): JobResult => {
      const per = alts.map((a) => a.jobs[i]!);
      const jt = per.map((x) => CAUSES.reduce((s, c) => s + x.gpuHoursByCause[c], 0));
      return {
        ...j,
        confidence: {
          au: bootstrapInterval(n, draws, meanAt(per.map((x) => x.au))),
          utilisation: bootstrapInterval(
            n,
            draws,
            ratioAt(
              per.map((x) => x.gpuHoursByCause.compute),
              jt,
            ),
          ),
          completionHours: bootstrapInterval(n, draws, meanAt(per.map((x) => x.completionHours))),
          failures: bootstrapInterval(n, draws, meanAt(per.map((x) => x.failures))),
        },
      };
    });
    // A histogram's bins differ from run to run: keep the first run's, as the timeline.
    const inference = finished.inference.map((w, i) => ({ ...w, ttftHistogram: first.inference[i]!.ttftHistogram }));
    return {
      ...finished,
      jobs,
      inference,
      confidence: {
        utilisation: bootstrapInterval(n, draws, ratioAt(compute, total)),
        wallHours: bootstrapInterval(n, draws, meanAt(alts.map((a) => a.wallHours))),
        gpuHours: bootstrapInterval(n, draws, meanAt(total)),
        totalUsd: bootstrapInterval(n, draws, meanAt(alts.map((a) => a.cost.totalUsd))),
      },
    };
  });
}
