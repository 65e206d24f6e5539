/**
 * Runs longer than the simulator can represent: the engine's clock is integer µs in a double, exact up to 2^53
 * µs (about 285 years). Before a run, a job whose estimated wall time exceeds `MAX_SIMULATED_US` (100 years:
 * room for the estimate's error) is refused at its `steps` or `duration`; a run that still outruns the clock
 * stops with the engine's `SimClockOverflowError`, reported the same way instead of as an internal error.
 */
import type { TrainingJob } from "../models/training/job.ts";
import { estimateRun } from "../models/training/run-estimate.ts";
import { isClockOverflow } from "../sim/errors.ts";
import { formatTime, type SimTime } from "../sim/time.ts";
import { scenarioError, type IssuePath, type ScenarioError } from "./errors.ts";
import { MAX_SIMULATED_US } from "./schema/limits.ts";
import type { ScenarioConfig } from "./schema/scenario.ts";

const YEAR_US = 8766 * 3600e6;
const years = (us: number): string => (us / YEAR_US).toLocaleString("en-US", { maximumFractionDigits: 0 });

/** The field that sets a job's length: `jobs[i].steps`, or `jobs[i].duration` when that is what it gives. */
function lengthPath(s: ScenarioConfig, name: string): IssuePath {
  const i = s.jobs.findIndex((j) => j.name === name);
  if (i < 0) return ["jobs"];
  return ["jobs", i, s.jobs[i]!.duration !== undefined ? "duration" : "steps"];
}

/**
 * Refuses a job whose estimated wall time is beyond the limit.
 * @throws ScenarioError SCN_ERR_INVALID at the job's `steps` or `duration`, with the estimate and the limit.
 */
export function checkRunLength(s: ScenarioConfig, jobs: readonly TrainingJob[]): void {
  for (const job of jobs) {
    const e = estimateRun(job);
    if (!(e.wallUs > MAX_SIMULATED_US)) continue;
    const why =
      e.stepUs > 2 * job.compute.stepUs
        ? `: a step waits about ${formatTime(Math.round(e.stepUs) as SimTime)} for its data against ` +
          `${formatTime(job.compute.stepUs as SimTime)} of compute, so the reads are what to change`
        : e.failures >= 1e5
          ? `: about ${Math.round(e.failures).toLocaleString("en-US")} failures, each losing work and time to recover`
          : "";
    throw scenarioError("SCN_ERR_INVALID", {
      code: "custom",
      path: lengthPath(s, job.name),
      message:
        `job ${job.name} would run about ${years(e.wallUs)} years of simulated time (estimated, stalls included)` +
        `${why}; at most ${years(MAX_SIMULATED_US)} years (the simulator's clock covers about 285): fewer steps, a ` +
        "shorter duration or faster storage",
    });
  }
}

/** `e` as a scenario error at `job`'s length when it is a clock overflow; otherwise `e` itself. */
export function clockOverflowAsScenarioError(e: unknown, s: ScenarioConfig, job: string | undefined): unknown {
  if (!isClockOverflow(e)) return e;
  const err: ScenarioError = scenarioError(
    "SCN_ERR_INVALID",
    {
      code: "custom",
      path: job === undefined ? ["jobs"] : lengthPath(s, job),
      message:
        `the run went past the end of the simulator's clock (2^53 µs, about 285 years of simulated time)` +
        `${job === undefined ? "" : ` in job ${job}`}: fewer steps or a shorter duration`,
    },
    { cause: e },
  );
  return err;
}
