/**
 * The plan report: what `stallsim plan --json` prints. The chosen (cheapest goal-meeting) design, or the
 * closest one when none meets the goal; the cost–utilisation frontier of the simulated designs; every design with
 * its status and, when it is not chosen, why (the goal and the shortfall, invalid provisioning, or what pruned
 * it); the noise rule in force; and the finance answers (idle cost per year, payback of the next faster design on
 * the frontier). Money in USD, utilisation as a fraction, times in hours.
 */
import type { Design } from "./design.ts";
import { fasterTier, idleCost, type FasterTier, type IdleCost } from "./finance.ts";
import { paretoFrontier } from "./frontier.ts";
import { metricText, OBJECTIVE_TEXT, shortfallText, type PlanGoal } from "./goal.ts";
import { usd } from "../../scenarios/result/format.ts";
import type { Candidate } from "./space.ts";
import type { Evaluation, SearchOutcome } from "./strategy.ts";

/** A "faster tier" finishes at least this fraction sooner than the chosen design (1%). */
const FASTER = 0.01;

/** A design's status in the plan. */
export type DesignStatus = "chosen" | "feasible" | "rejected" | "invalid" | "pruned-infeasible" | "pruned-costlier";

/**
 * Metrics of a simulated design (means over replications; low/high: 95% bounds, equal to the mean with one run).
 * `utilisation` is the result's (compute ÷ all GPU-hours paid for, training and serving alike), the one a
 * utilisation goal checks.
 */
export interface DesignMetrics {
  utilisation: number;
  utilisationLow: number;
  utilisationHigh: number;
  wallHours: number;
  wallHoursLow: number;
  wallHoursHigh: number;
  totalUsd: number;
  perMonthUsd: number;
  /** The minimised quantity (`totalUsd` or `perMonthUsd`). */
  objectiveUsd: number;
  /** The goal metric compared with the target and on what basis (`mean of 1 run`, `95% lower bound`, …). */
  goalValue: number;
  goalBasis: string;
  idleGpuHours: number;
  idleUsd: number;
  idleGpuHoursPerYear: number;
  idleUsdPerYear: number;
}

/** One design in the report. */
export interface DesignRow {
  id: number;
  label: string;
  storage: Design["storage"];
  jobs: Design["jobs"];
  status: DesignStatus;
  /** Why it is not chosen (the goal and the shortfall, invalid provisioning, what pruned it); absent when chosen. */
  reason?: string;
  /** Storage bill per 730-hour month, USD; null for invalid designs. */
  storageMonthlyUsd: number | null;
  /** Present for simulated designs. */
  metrics?: DesignMetrics;
}

/** The report. */
export interface PlanReport {
  scenario: string;
  description: string;
  goal: {
    kind: PlanGoal["kind"];
    target: number;
    text: string;
    minimise: PlanGoal["minimise"];
    /** What is minimised, in words: `cost to finish the work` or the monthly run rate. */
    objective: string;
  };
  noise: { replications: number; seed: number; rule: string };
  strategy: "smart" | "exhaustive";
  counts: {
    designs: number;
    invalid: number;
    /** Designs simulated (each with `replications` runs). */
    simulated: number;
    runs: number;
    batches: number;
    prunedInfeasible: number;
    prunedCostlier: number;
    /** What the exhaustive strategy would simulate: every valid design. */
    exhaustive: number;
  };
  /** `design #3 (…) is the cheapest that meets …` or `no design meets the goal (…)`. */
  verdict: string;
  chosen: DesignRow | null;
  /** When no design meets the goal: the simulated design with the smallest shortfall. */
  closest: DesignRow | null;
  /** Simulated designs no other simulated design beats on both cost (the objective) and utilisation, cheapest first. */
  frontier: DesignRow[];
  designs: DesignRow[];
  finance: {
    idleCost: { chosen: (IdleCost & { id: number }) | null; cheapestRejected: (IdleCost & { id: number }) | null };
    /**
     * From the chosen design to the next costlier design on the frontier that finishes at least 1% sooner; null
     * when there is none.
     */
    fasterTier: (FasterTier & { from: number; to: number }) | null;
  };
}

function metrics(e: Evaluation): DesignMetrics {
  const a = e.alternative;
  const u = a.confidence?.utilisation ?? { low: a.utilisation, high: a.utilisation };
  const w = a.confidence?.wallHours ?? { low: a.wallHours, high: a.wallHours };
  return {
    utilisation: a.utilisation,
    utilisationLow: u.low,
    utilisationHigh: u.high,
    wallHours: a.wallHours,
    wallHoursLow: w.low,
    wallHoursHigh: w.high,
    totalUsd: a.cost.totalUsd,
    perMonthUsd: a.cost.runRate.perMonthUsd,
    objectiveUsd: e.objective,
    goalValue: e.check.value,
    goalBasis: e.check.basis,
    ...idleCost(a),
  };
}

/** The noise rule in words. */
export function noiseRule(goal: PlanGoal, k: number, seed: number): string {
  if (k < 2) {
    return "1 run per design: noise is not accounted for (the goal is checked on one run's mean); use --replications K ≥ 2 to require the 95% confidence bound";
  }
  if (goal.kind === "ttftP99") {
    return `${k} runs per design (seeds ${seed}…${seed + k - 1}): results carry no interval for ttft yet, so the mean of the worst workload's ttft p99 is compared (noise is not accounted for)`;
  }
  const side = goal.kind === "utilisation" ? "lower" : "upper";
  return `${k} runs per design (seeds ${seed}…${seed + k - 1}): a design meets the goal only if the ${side} 95% confidence bound of its ${goal.kind === "utilisation" ? "utilisation" : "completion time"} does`;
}

/** Builds the report from the candidates and what the search did. */
export function buildReport(
  config: { name: string; description: string },
  goal: PlanGoal,
  candidates: readonly Candidate[],
  outcome: SearchOutcome,
  opts: { replications: number; seed: number; strategy: "smart" | "exhaustive" },
): PlanReport {
  const ev = outcome.evaluations;
  const best = outcome.best === undefined ? undefined : ev.get(outcome.best)!;
  const rows = candidates.map((c): DesignRow => {
    const d = c.design;
    const base = { id: d.id, label: d.label, storage: d.storage, jobs: d.jobs };
    const storageMonthlyUsd = c.invalid === undefined ? c.storageMonthlyUsd : null;
    if (c.invalid !== undefined)
      return { ...base, status: "invalid", reason: `invalid: ${c.invalid}`, storageMonthlyUsd };
    const e = ev.get(d.id);
    if (e !== undefined) {
      const status: DesignStatus = d.id === outcome.best ? "chosen" : e.check.met ? "feasible" : "rejected";
      const reason =
        status === "rejected"
          ? e.check.reason
          : status === "feasible"
            ? e.objective === best!.objective
              ? `meets the goal at the same ${OBJECTIVE_TEXT[goal.minimise]} as #${outcome.best} (${usd(e.objective)}); the lower id is chosen`
              : `meets the goal but costs more: ${usd(e.objective)} > ${usd(best!.objective)} (#${outcome.best})`
            : undefined;
      return { ...base, status, ...(reason ? { reason } : {}), storageMonthlyUsd, metrics: metrics(e) };
    }
    const p = outcome.pruned.get(d.id)!;
    if (p.kind === "infeasible") {
      const by = ev.get(p.by)!;
      const reason =
        `not simulated: #${p.by}, with at least this performance, has ${metricText(goal, by.check.value)} ` +
        `(${by.check.basis}) and misses ${goal.text} by ${shortfallText(goal, by.check.shortfall)}, so this design misses it too`;
      return { ...base, status: "pruned-infeasible", reason, storageMonthlyUsd };
    }
    const reason = `not simulated: its ${OBJECTIVE_TEXT[goal.minimise]} is at least ${usd(p.lowerBound)} > ${usd(best!.objective)} (#${outcome.best})`;
    return { ...base, status: "pruned-costlier", reason, storageMonthlyUsd };
  });
  const simulated = rows.filter((r) => r.metrics !== undefined);
  const frontier = paretoFrontier(
    simulated.map((r) => ({ id: r.id, cost: r.metrics!.objectiveUsd, utilisation: r.metrics!.utilisation, row: r })),
  ).map((p) => p.row);
  const rejected = simulated.filter((r) => r.status === "rejected");
  const cheapestRejected = [...rejected].sort(
    (a, b) => a.metrics!.objectiveUsd - b.metrics!.objectiveUsd || a.id - b.id,
  )[0];
  const closest =
    best !== undefined
      ? undefined
      : [...rejected].sort(
          (a, b) =>
            ev.get(a.id)!.check.shortfall - ev.get(b.id)!.check.shortfall ||
            a.metrics!.objectiveUsd - b.metrics!.objectiveUsd ||
            a.id - b.id,
        )[0];
  const chosen = rows.find((r) => r.status === "chosen");
  const faster =
    chosen === undefined
      ? undefined
      : frontier.find(
          (f) =>
            f.metrics!.objectiveUsd > chosen.metrics!.objectiveUsd &&
            f.metrics!.wallHours <= (1 - FASTER) * chosen.metrics!.wallHours,
        );
  const tier =
    chosen && faster ? fasterTier(ev.get(chosen.id)!.alternative, ev.get(faster.id)!.alternative) : undefined;
  const idleOf = (r: DesignRow | undefined) =>
    r === undefined ? null : { id: r.id, ...idleCost(ev.get(r.id)!.alternative) };
  const count = (s: DesignStatus) => rows.filter((r) => r.status === s).length;
  const verdict = chosen
    ? `design #${chosen.id} (${chosen.label}) has the lowest ${OBJECTIVE_TEXT[goal.minimise]} of the designs that meet ${goal.text}: ${usd(chosen.metrics!.objectiveUsd)}`
    : `no design meets the goal (${goal.text})${closest ? `; the closest is #${closest.id} (${closest.label}): ${closest.reason}` : ""}`;
  return {
    scenario: config.name,
    description: config.description,
    goal: {
      kind: goal.kind,
      target: goal.target,
      text: goal.text,
      minimise: goal.minimise,
      objective: OBJECTIVE_TEXT[goal.minimise],
    },
    noise: { replications: opts.replications, seed: opts.seed, rule: noiseRule(goal, opts.replications, opts.seed) },
    strategy: opts.strategy,
    counts: {
      designs: rows.length,
      invalid: count("invalid"),
      simulated: simulated.length,
      runs: simulated.length * opts.replications,
      batches: outcome.batches,
      prunedInfeasible: count("pruned-infeasible"),
      prunedCostlier: count("pruned-costlier"),
      exhaustive: rows.length - count("invalid"),
    },
    verdict,
    chosen: chosen ?? null,
    closest: closest ?? null,
    frontier,
    designs: rows,
    finance: {
      idleCost: { chosen: idleOf(chosen), cheapestRejected: idleOf(cheapestRejected) },
      fasterTier: tier && chosen && faster ? { from: chosen.id, to: faster.id, ...tier } : null,
    },
  };
}
