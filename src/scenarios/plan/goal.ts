/**
 * Goal evaluation: reads a scenario's `goal`, checks a design's result against it, and states by how much a
 * design falls short. The noise rule: with one run per design the mean is compared (noise is not accounted
 * for); with K ≥ 2 replications the 95% confidence bound on the unfavourable side is (the lower bound of
 * utilisation, the upper bound of completion time or TTFT), so a design whose mean meets the goal but whose
 * bound does not is rejected.
 */
import { scenarioError } from "../errors.ts";
import type { ScenarioResult } from "../result.ts";
import type { ScenarioConfig } from "../schema/scenario.ts";
import { hoursText, pct, points } from "./format.ts";

/** A goal's target kind. */
export type GoalKind = "utilisation" | "deadline" | "ttftP99";

/** What is minimised: a field of the result's `cost`. */
export type Objective = "totalUsd" | "perMonthUsd";

/** A scenario's goal in the planner's units. */
export interface PlanGoal {
  readonly kind: GoalKind;
  /**
   * utilisation: a fraction (0–1) of the training jobs' GPU time (the scenario's `utilisation`); deadline: hours,
   * the longest training job's completion; ttftP99: seconds, the worst serving workload's TTFT p99.
   */
  readonly target: number;
  readonly minimise: Objective;
  /** `utilisation ≥ 90%`, `longest job completes within 72 h`, `ttft p99 ≤ 2 s`. */
  readonly text: string;
}

/** A design's result against the goal. */
export interface GoalCheck {
  readonly met: boolean;
  /** The goal metric's mean (utilisation fraction, wall hours or TTFT seconds). */
  readonly mean: number;
  /** The value compared with the target: the mean with one run, else the 95% bound. */
  readonly value: number;
  /** `mean of 1 run`, `95% lower bound` or `95% upper bound`. */
  readonly basis: string;
  /** How far `value` misses the target, in the goal's unit (fraction or hours or seconds); 0 when met. */
  readonly shortfall: number;
  /** Why it fails, naming the goal and the shortfall; undefined when met. */
  readonly reason: string | undefined;
}

/** True when the scenario has an inference (serving) workload. */
const hasInference = (config: ScenarioConfig): boolean => config.inference.length > 0;

/**
 * The scenario's goal. A TTFT goal holds for every inference workload: the worst workload's TTFT p99 is compared.
 * @throws ScenarioError SCN_ERR_INVALID at `goal` when the scenario has none, or at `goal.ttftP99` when it sets a
 *   TTFT goal but has no inference workload.
 */
export function planGoal(config: ScenarioConfig, source?: string): PlanGoal {
  const g = config.goal;
  if (g === undefined) {
    throw scenarioError(
      "SCN_ERR_INVALID",
      { code: "custom", path: ["goal"], message: "required: plan needs a goal (utilisation, deadline or ttftP99)" },
      { source },
    );
  }
  const needsJobs = (field: "utilisation" | "deadline") =>
    scenarioError(
      "SCN_ERR_INVALID",
      {
        code: "custom",
        path: ["goal", field],
        message: `a ${field} goal needs a training job: this scenario has none (for serving, use ttftP99)`,
      },
      { source },
    );
  if (g.utilisation !== undefined) {
    if (config.jobs.length === 0) throw needsJobs("utilisation");
    return {
      kind: "utilisation",
      target: g.utilisation,
      minimise: g.minimise,
      text: `utilisation ≥ ${pct(g.utilisation)}`,
    };
  }
  if (g.deadline !== undefined) {
    if (config.jobs.length === 0) throw needsJobs("deadline");
    const h = g.deadline / 3.6e9;
    return { kind: "deadline", target: h, minimise: g.minimise, text: `longest job completes within ${hoursText(h)}` };
  }
  if (!hasInference(config)) {
    throw scenarioError(
      "SCN_ERR_INVALID",
      {
        code: "custom",
        path: ["goal", "ttftP99"],
        message: "a ttft goal needs an inference workload: this scenario has none (its jobs are training jobs)",
      },
      { source },
    );
  }
  const s = g.ttftP99! / 1e6;
  return { kind: "ttftP99", target: s, minimise: g.minimise, text: `ttft p99 ≤ ${s} s` };
}

/**
 * The goal metric of a result: mean and 95% interval (low = high = mean with one run). A utilisation interval is
 * clamped to [0, 1] (Student's t knows nothing of the bounds).
 */
export function goalMetric(goal: PlanGoal, r: ScenarioResult): { mean: number; low: number; high: number } {
  const ci = r.confidence;
  if (goal.kind === "utilisation") {
    const u = ci?.["utilisation"] ?? { mean: r.utilisation, low: r.utilisation, high: r.utilisation };
    return { mean: u.mean, low: Math.max(0, u.low), high: Math.min(1, u.high) };
  }
  if (goal.kind === "deadline") {
    if ((r.inference ?? []).length === 0) {
      return ci?.["wallHours"] ?? { mean: r.wallHours, low: r.wallHours, high: r.wallHours };
    }
    // Serving durations count in wallHours: take the training jobs' completions (bounds: the worst job's bound).
    const per = r.jobs.map(
      (j) =>
        ci?.[`jobs.${j.name}.completionHours`] ?? {
          mean: j.completionHours,
          low: j.completionHours,
          high: j.completionHours,
        },
    );
    return {
      mean: Math.max(...per.map((x) => x.mean)),
      low: Math.max(...per.map((x) => x.low)),
      high: Math.max(...per.map((x) => x.high)),
    };
  }
  // The worst workload's TTFT p99, seconds. Replications do not (yet) give an interval for it: the mean is used.
  const ttft = Math.max(...(r.inference ?? []).map((w) => w.ttftMs.p99 / 1e3));
  if (!Number.isFinite(ttft)) throw new RangeError("ttft p99 goal: the result has no inference workload to check");
  return ci?.["inference.ttftP99Seconds"] ?? { mean: ttft, low: ttft, high: ttft };
}

/** `r.cost[goal.minimise]`, USD. */
export const objectiveUsd = (goal: PlanGoal, r: ScenarioResult): number => r.cost[goal.minimise];

/** A value of the goal metric: `87.3%`, `75.2 h`, `2.4 s`. */
export function valueText(goal: PlanGoal, value: number): string {
  if (goal.kind === "utilisation") return pct(value);
  if (goal.kind === "deadline") return hoursText(value);
  return `${value.toLocaleString("en-US", { maximumFractionDigits: 3 })} s`;
}

/** The metric in the goal's words: `utilisation 87.3%`, `completion 75.2 h`, `ttft p99 2.4 s`. */
export function metricText(goal: PlanGoal, value: number): string {
  const name = goal.kind === "utilisation" ? "utilisation" : goal.kind === "deadline" ? "completion" : "ttft p99";
  return `${name} ${valueText(goal, value)}`;
}

/** The shortfall in the goal's words: `2.7 points`, `3.1 h`, `0.4 s`. */
export function shortfallText(goal: PlanGoal, shortfall: number): string {
  if (goal.kind === "utilisation") return points(shortfall);
  if (goal.kind === "deadline") return hoursText(shortfall);
  return `${shortfall.toLocaleString("en-US", { maximumFractionDigits: 3 })} s`;
}

/** Checks a design's result against the goal (the noise rule is in this file's header). */
export function checkGoal(goal: PlanGoal, r: ScenarioResult): GoalCheck {
  const m = goalMetric(goal, r);
  const k = r.replications;
  const higherIsBetter = goal.kind === "utilisation";
  const bounded = k >= 2 && (goal.kind !== "ttftP99" || r.confidence?.["inference.ttftP99Seconds"] !== undefined);
  const value = !bounded ? m.mean : higherIsBetter ? m.low : m.high;
  const basis =
    k < 2
      ? "mean of 1 run"
      : !bounded
        ? `mean of ${k} runs, no interval for ttft`
        : higherIsBetter
          ? "95% lower bound"
          : "95% upper bound";
  const shortfall = Math.max(0, higherIsBetter ? goal.target - value : value - goal.target);
  const met = higherIsBetter ? value >= goal.target : value <= goal.target;
  const meanNote = bounded ? `; mean ${valueText(goal, m.mean)}` : "";
  const reason = met
    ? undefined
    : `${metricText(goal, value)} (${basis}${meanNote}) misses ${goal.text}: short by ${shortfallText(goal, shortfall)}`;
  return { met, mean: m.mean, value, basis, shortfall, reason };
}
