/**
 * The search strategies. `exhaustive` simulates every valid design. `smart` simulates a subset and finds the same
 * cheapest design, relying on monotonicity within a family (designs with the same presets, GPUs and checkpoint
 * policy; docs/planning.md): a design with at least the performance of another in every coordinate (IOPS,
 * throughput, capacity, cache) has a goal metric at least as good, a run at most as long and a GPU cost at most as
 * high. So:
 *
 * - if a simulated design misses the goal, every design it covers misses it too (pruned as infeasible);
 * - a design's objective is at least a lower bound from any simulated design `e` that covers it — total cost:
 *   GPU cost of `e` + the design's storage $/month × `e`'s wall hours / 730; run rate per month (either way): the
 *   smallest job's GPUs × $/GPU-hour × 730 (0 with serving workloads) + its storage $/month — and a design whose
 *   bound exceeds the cheapest feasible objective found so far cannot be the answer (pruned as costlier).
 *
 * Rounds: first the maximal designs of every family (nothing covers them), then one design per family per round,
 * the median by storage cost of those still open: a bisection on provisioned performance, since storage cost
 * rises with it. Each round is one batch for the runner (parallel across families). The order is fixed by the
 * designs alone, so the outcome does not depend on the runner or the machine.
 */
import { HOURS_PER_MONTH } from "../../models/cost/billing-period.ts";
import type { AlternativeResult, ScenarioResult } from "../../scenarios/result/index.ts";
import { checkGoal, objectiveUsd, type GoalCheck, type PlanGoal } from "./goal.ts";
import type { ScenarioRunner } from "./runner.ts";
import type { Candidate } from "./space.ts";

/** A simulated design. */
export interface Evaluation {
  readonly result: ScenarioResult;
  /** Its one alternative (the planner's scenarios have one). */
  readonly alternative: AlternativeResult;
  readonly check: GoalCheck;
  /** The objective (cost to finish, or the monthly run rate), USD. */
  readonly objective: number;
}

/** Why a design was not simulated. */
export type Pruning =
  | { readonly kind: "infeasible"; /** the simulated design covering it that misses the goal */ readonly by: number }
  | { readonly kind: "costlier"; /** its objective's lower bound, USD */ readonly lowerBound: number };

/** What a search did. */
export interface SearchOutcome {
  /** Simulated designs by id. */
  readonly evaluations: ReadonlyMap<number, Evaluation>;
  /** Designs not simulated, by id. */
  readonly pruned: ReadonlyMap<number, Pruning>;
  /** The cheapest design meeting the goal (ties: the lower id); undefined when none does. */
  readonly best: number | undefined;
  /** Runner batches used. */
  readonly batches: number;
}

/** Options of a search. */
export interface SearchOptions {
  /** Called after each batch with the designs simulated so far. */
  readonly onBatch?: (simulated: number) => void;
}

/** Relative slack on bound comparisons, so float rounding never prunes a design that ties the best. */
const SLACK = 1e-9;

/** `e` covers `p`: same family, and at least `p`'s performance in every coordinate. */
export function covers(e: Candidate, p: Candidate): boolean {
  if (e.design.id === p.design.id || e.design.family !== p.design.family) return false;
  return p.design.levels.every((x, i) => e.design.levels[i]! >= x);
}

/** A lower bound of `p`'s objective; `e` (a simulated design covering `p`) sharpens the total-cost bound. */
export function lowerBound(goal: PlanGoal, p: Candidate, e?: Evaluation): number {
  if (goal.minimise === "perMonthUsd") return p.gpuUsdPerHourFloor * HOURS_PER_MONTH + p.storageMonthlyUsd;
  if (e === undefined) return 0;
  return e.alternative.cost.gpuUsd + (p.storageMonthlyUsd * e.alternative.wallHours) / HOURS_PER_MONTH;
}

class Search {
  readonly evaluations = new Map<number, Evaluation>();
  readonly pruned = new Map<number, Pruning>();
  best: number | undefined;
  batches = 0;

  constructor(
    readonly goal: PlanGoal,
    readonly runner: ScenarioRunner,
    readonly opts: SearchOptions,
  ) {}

  async run(batch: readonly Candidate[]): Promise<void> {
    if (batch.length === 0) return;
    const results = await this.runner(batch.map((c) => c.config));
    this.batches++;
    batch.forEach((c, i) => {
      const result = results[i]!;
      const alternative = result.alternatives[0]!;
      const e = {
        result,
        alternative,
        check: checkGoal(this.goal, alternative, result.replications),
        objective: objectiveUsd(this.goal, alternative),
      };
      this.evaluations.set(c.design.id, e);
      if (!e.check.met) return;
      const b = this.best === undefined ? undefined : this.evaluations.get(this.best)!;
      if (b === undefined || e.objective < b.objective || (e.objective === b.objective && c.design.id < this.best!)) {
        this.best = c.design.id;
      }
    });
    this.opts.onBatch?.(this.evaluations.size);
  }

  /** Prunes what the simulated designs rule out; returns the family's designs still open. */
  open(family: readonly Candidate[]): Candidate[] {
    const bestObjective = this.best === undefined ? Infinity : this.evaluations.get(this.best)!.objective;
    const simulated = family.filter((c) => this.evaluations.has(c.design.id));
    const out: Candidate[] = [];
    for (const p of family) {
      const id = p.design.id;
      if (this.evaluations.has(id) || this.pruned.has(id)) continue;
      const over = simulated.filter((e) => covers(e, p));
      const miss = over.find((e) => !this.evaluations.get(e.design.id)!.check.met);
      if (miss !== undefined) {
        this.pruned.set(id, { kind: "infeasible", by: miss.design.id });
        continue;
      }
      const lb = Math.max(
        lowerBound(this.goal, p),
        ...over.map((e) => lowerBound(this.goal, p, this.evaluations.get(e.design.id))),
      );
      if (lb > bestObjective * (1 + SLACK)) {
        this.pruned.set(id, { kind: "costlier", lowerBound: lb });
        continue;
      }
      out.push(p);
    }
    return out;
  }
}

/** Valid candidates grouped by family, families in order of their first design. */
function families(candidates: readonly Candidate[]): Candidate[][] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (c.invalid !== undefined) continue;
    const g = groups.get(c.design.family);
    if (g) g.push(c);
    else groups.set(c.design.family, [c]);
  }
  return [...groups.values()];
}

/** The median of `open` by storage cost (ties by id). */
function median(open: readonly Candidate[]): Candidate {
  const sorted = [...open].sort((a, b) => a.storageMonthlyUsd - b.storageMonthlyUsd || a.design.id - b.design.id);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The smart strategy (this file's header). */
export async function smartSearch(
  candidates: readonly Candidate[],
  goal: PlanGoal,
  runner: ScenarioRunner,
  opts: SearchOptions = {},
): Promise<SearchOutcome> {
  const s = new Search(goal, runner, opts);
  const fams = families(candidates);
  // Maximal designs: covered by none (of equal ones, the lowest id).
  const above = (q: Candidate, p: Candidate) => covers(q, p) && (!covers(p, q) || q.design.id < p.design.id);
  await s.run(fams.flatMap((f) => f.filter((p) => !f.some((q) => above(q, p)))));
  for (;;) {
    const batch = fams.map((f) => s.open(f)).flatMap((open) => (open.length ? [median(open)] : []));
    if (batch.length === 0) break;
    await s.run(batch);
  }
  return { evaluations: s.evaluations, pruned: s.pruned, best: s.best, batches: s.batches };
}

/** The exhaustive strategy: every valid design, in one batch. */
export async function exhaustiveSearch(
  candidates: readonly Candidate[],
  goal: PlanGoal,
  runner: ScenarioRunner,
  opts: SearchOptions = {},
): Promise<SearchOutcome> {
  const s = new Search(goal, runner, opts);
  await s.run(candidates.filter((c) => c.invalid === undefined));
  return { evaluations: s.evaluations, pruned: s.pruned, best: s.best, batches: s.batches };
}
