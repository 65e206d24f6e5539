/**
 * A scenario's goal (`goal:`, schema/goal.ts) checked against one alternative: the one rule the result's
 * comparison and the planner (src/studies/plan) both use.
 *
 * The noise rule: with one run the mean is compared (noise is not accounted for); with K ≥ 2 replications the
 * 95% bound on the unfavourable side is (the lower bound of utilisation, the upper bound of the longest job's
 * completion), so an alternative whose mean meets the goal but whose bound does not fails it. TTFT has no
 * interval yet: its mean is compared.
 *
 * The objective, among the alternatives that meet the goal: `totalUsd`, the cost to finish the work (default);
 * or `perMonthUsd`, the run rate per 730-hour month (what running this way all month would cost).
 */
import { scenarioError } from "../errors.ts";
import type { ScenarioConfig } from "../schema/scenario.ts";
import { hoursText, pct, points } from "./format.ts";
import type { AlternativeResult } from "./types.ts";

/** A goal's target kind. */
export type GoalKind = "utilisation" | "deadline" | "ttftP99";

/** What is minimised: the cost to finish the work, or the monthly run rate. */
export type Objective = "totalUsd" | "perMonthUsd";

/** The objective in words. */
export const OBJECTIVE_TEXT: Readonly<Record<Objective, string>> = {
  totalUsd: "cost to finish the work",
  perMonthUsd: "run rate per month (if it ran like this all month)",
};

/** A scenario's goal in the checker's units. */
export interface Goal {
  readonly kind: GoalKind;
  /** utilisation: a fraction (0–1); deadline: hours (the longest job's completion); ttftP99: seconds. */
  readonly target: number;
  readonly minimise: Objective;
  /** `utilisation ≥ 90.0%`, `longest job completes within 72 h`, `ttft p99 ≤ 2 s`. */
  readonly text: string;
}

/** An alternative's result against the goal. */
export interface GoalCheck {
  readonly met: boolean;
  /** The goal metric's mean (utilisation fraction, completion hours or TTFT seconds). */
  readonly mean: number;
  /** The value compared with the target: the mean with one run, else the 95% bound. */
  readonly value: number;
  /** `mean of 1 run`, `95% lower bound`, `95% upper bound`, or `mean of K runs, no interval for ttft`. */
  readonly basis: string;
  /** How far `value` misses the target, in the goal's unit; 0 when met. */
  readonly shortfall: number;
  /** Why it fails, naming the goal and the shortfall; undefined when met. */
  readonly reason: string | undefined;
}

/**
 * The scenario's goal; undefined when it has none.
 * @throws ScenarioError SCN_ERR_INVALID at `goal.utilisation` / `goal.deadline` without a training job, or at
 *   `goal.ttftP99` without a serving workload.
 */
export function goalOf(config: ScenarioConfig, source?: string): Goal | undefined {
  const g = config.goal;
  if (g === undefined) return undefined;
  const invalid = (field: string, message: string) =>
    scenarioError("SCN_ERR_INVALID", { code: "custom", path: ["goal", field], message }, { source });
  const hasJobs = config.jobs.length > 0 || config.arrivals !== undefined;
  if (g.utilisation !== undefined) {
    return {
      kind: "utilisation",
      target: g.utilisation,
      minimise: g.minimise,
      text: `utilisation ≥ ${pct(g.utilisation)}`,
    };
  }
  if (g.deadline !== undefined) {
    if (!hasJobs)
      throw invalid(
        "deadline",
        "a deadline goal needs a training job: this scenario has none (for serving, use ttftP99)",
      );
    const h = g.deadline / 3.6e9;
    return { kind: "deadline", target: h, minimise: g.minimise, text: `longest job completes within ${hoursText(h)}` };
  }
  if (config.inference.length === 0) {
    throw invalid(
      "ttftP99",
      "a ttft goal needs an inference workload: this scenario has none (its jobs are training jobs)",
    );
  }
  const s = g.ttftP99! / 1e6;
  return { kind: "ttftP99", target: s, minimise: g.minimise, text: `ttft p99 ≤ ${s} s` };
}

/** The goal metric of an alternative: mean and 95% interval (low = high = mean with one run). */
export function goalMetric(goal: Goal, a: AlternativeResult): { mean: number; low: number; high: number } {
  if (goal.kind === "utilisation") return a.confidence?.utilisation ?? point(a.utilisation);
  if (goal.kind === "deadline") {
    if (a.jobs.length === 0) return point(Infinity);
    const per = a.jobs.map((j) => j.confidence?.completionHours ?? point(j.completionHours));
    return {
      mean: Math.max(...per.map((x) => x.mean)),
      low: Math.max(...per.map((x) => x.low)),
      high: Math.max(...per.map((x) => x.high)),
    };
  }
  return point(a.inference.length === 0 ? Infinity : Math.max(...a.inference.map((w) => w.ttftMs.p99 / 1e3)));
}

const point = (x: number) => ({ mean: x, low: x, high: x });

/** `a.cost.totalUsd` or its monthly run rate, as the goal minimises. */
export const objectiveUsd = (goal: Goal, a: AlternativeResult): number =>
  goal.minimise === "totalUsd" ? a.cost.totalUsd : a.cost.runRate.perMonthUsd;

/** A value of the goal metric: `87.3%`, `75.2 h`, `2.4 s`. */
export function valueText(goal: Goal, value: number): string {
  if (goal.kind === "utilisation") return pct(value);
  if (goal.kind === "deadline") return hoursText(value);
  return `${value.toLocaleString("en-US", { maximumFractionDigits: 3 })} s`;
}

/** The metric in the goal's words: `utilisation 87.3%`, `completion 75.2 h`, `ttft p99 2.4 s`. */
export function metricText(goal: Goal, value: number): string {
  const name = goal.kind === "utilisation" ? "utilisation" : goal.kind === "deadline" ? "completion" : "ttft p99";
  return `${name} ${valueText(goal, value)}`;
}

/** The shortfall in the goal's words: `2.7 points`, `3.1 h`, `0.4 s`. */
export function shortfallText(goal: Goal, shortfall: number): string {
  if (goal.kind === "utilisation") return points(shortfall);
  if (goal.kind === "deadline") return hoursText(shortfall);
  return `${shortfall.toLocaleString("en-US", { maximumFractionDigits: 3 })} s`;
}

/** Checks an alternative of a run with `replications` runs against the goal (this file's header). */
export function checkGoal(goal: Goal, a: AlternativeResult, replications: number): GoalCheck {
  const m = goalMetric(goal, a);
  const higherIsBetter = goal.kind === "utilisation";
  const bounded = replications >= 2 && goal.kind !== "ttftP99";
  const value = !bounded ? m.mean : higherIsBetter ? m.low : m.high;
  const basis =
    replications < 2
      ? "mean of 1 run"
      : !bounded
        ? `mean of ${replications} runs, no interval for ttft`
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
