/**
 * What the headline numbers of a result mean, in one place: the result document carries these sentences
 * (`definitions`), and the CLI, the API docs and the web UI show them beside the numbers.
 */
import { HOURS_PER_MONTH, HOURS_PER_YEAR } from "../../models/cost/billing-period.ts";
import type { ScenarioResult } from "./types.ts";

/** Resamples of the bootstrap behind replication intervals. */
export const BOOTSTRAP_RESAMPLES = 2000;

/** The definitions a result states; `interval` only with replications. */
export function definitions(replications: number): ScenarioResult["definitions"] {
  return {
    utilisation:
      "compute GPU-hours ÷ all GPU-hours paid for (a job's GPUs for its run; a serving pool's for its duration; on a cluster every GPU for the wall time)" +
      (replications > 1 ? "; over replications, total compute ÷ total GPU-hours of all runs" : ""),
    cost: "cost to finish this alternative's work as simulated: GPUs for the wall time + storage prorated from monthly prices + egress",
    runRate: `if it ran like this all month or all year: the run's cost per wall hour × ${HOURS_PER_MONTH} h (a month) or × ${HOURS_PER_YEAR.toLocaleString("en-US")} h (a year); not what this run cost`,
    ...(replications > 1
      ? {
          interval: `means over ${replications} replications (consecutive seeds); 95% intervals are bootstrap percentile intervals (${BOOTSTRAP_RESAMPLES.toLocaleString("en-US")} resamples of the replications, seeded), so they stay within what each quantity can be`,
        }
      : {}),
  };
}
