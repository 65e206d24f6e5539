/**
 * Progress of a scenario run in units, for progress bars: `total = jobs × replications × 1000`. Each job of
 * a replication gets a share of the replication's `1000 × jobs` units in proportion to its weight (its
 * estimated work, work.ts), so the bar moves about evenly in time; within a job, units follow the fraction
 * of its steps done. Reports never go back, and the last one is `(total, total)`.
 */

/** Progress units per job per replication. */
export const PROGRESS_UNITS_PER_JOB = 1000;

/** Reports that job `job` (index in the scenario) is `fraction` (0–1) done. */
export type JobProgress = (job: number, fraction: number) => void;

/**
 * A reporter per replication: `reporter(rep)(job, fraction)` calls `report(done, total)` when `done` grows.
 * @param weights each job's relative work (> 0).
 * @param replications replications run one after another.
 * @param report the callback; without one, reporters do nothing.
 */
export function progressReporter(
  weights: readonly number[],
  replications: number,
  report: ((done: number, total: number) => void) | undefined,
): (rep: number) => JobProgress {
  if (report === undefined) return () => () => {};
  const perRep = weights.length * PROGRESS_UNITS_PER_JOB;
  const total = replications * perRep;
  const sum = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const edges = [0, ...weights.map((w) => Math.round((perRep * (acc += w)) / sum))];
  edges[edges.length - 1] = perRep;
  let last = 0;
  return (rep) => (job, fraction) => {
    const share = edges[job + 1]! - edges[job]!;
    const done = rep * perRep + edges[job]! + Math.floor(Math.min(1, Math.max(0, fraction)) * share);
    if (done > last) {
      last = done;
      report(done, total);
    }
  };
}
