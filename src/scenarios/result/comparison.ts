/**
 * How a result's alternatives compare: which is cheapest and, with a goal, which meet it — one line a reader can
 * quote, and the names behind it. Alternatives are compared, never added.
 *
 * "Cheapest" needs the same work: the alternatives' training compute (GPU-hours of steps that count) and the
 * requests their serving workloads received must agree within 1%. Then the one with the lowest cost to finish
 * is cheapest. When they do different work, costs are not comparable: training-only alternatives are ranked
 * by cost per compute GPU-hour; otherwise no alternative is called cheapest.
 */
import { usd, pct } from "./format.ts";
import { checkGoal, objectiveUsd, OBJECTIVE_TEXT, type Goal } from "./goal.ts";
import type { AlternativeResult, Comparison } from "./types.ts";

/** Relative difference below which two alternatives do the same work. */
const SAME_WORK = 0.01;

interface Work {
  readonly compute: number;
  readonly requests: number;
}

const workOf = (a: AlternativeResult): Work => ({
  compute: a.jobs.reduce((s, j) => s + j.gpuHoursByCause.compute, 0),
  requests: a.inference.reduce((s, w) => s + w.requests.arrived, 0),
});

const close = (x: number, y: number): boolean => Math.abs(x - y) <= SAME_WORK * Math.max(Math.abs(x), Math.abs(y));

const num = (x: number, d = 1) => x.toLocaleString("en-US", { maximumFractionDigits: d });
/** A latency in ms as read: `420 ms`, `2.4 s`, `3.1 min`. */
const latency = (ms: number): string =>
  ms < 1000 ? `${num(ms, 0)} ms` : ms < 120_000 ? `${num(ms / 1000, 1)} s` : `${num(ms / 60_000, 1)} min`;

/** The comparison of `alternatives` (a run of `replications` runs) under the scenario's `goal`, if any. */
export function compareAlternatives(
  alternatives: readonly AlternativeResult[],
  basis: Comparison["basis"],
  goal: Goal | undefined,
  replications: number,
): Comparison {
  if (alternatives.length < 2) {
    const only = alternatives[0];
    const check = goal && only ? checkGoal(goal, only, replications) : undefined;
    return {
      basis: "single",
      verdict: check === undefined ? null : check.met ? `meets ${goal!.text}` : `misses the goal: ${check.reason}`,
      cheapest: null,
      meetingGoal: check === undefined ? null : check.met ? [only!.name] : [],
      bestForGoal: check?.met ? only!.name : null,
    };
  }
  const works = alternatives.map(workOf);
  const same = works.every((w) => close(w.compute, works[0]!.compute) && close(w.requests, works[0]!.requests));
  const parts: string[] = [];
  let cheapest: string | null = null;
  if (same) {
    const ranked = [...alternatives].sort((a, b) => a.cost.totalUsd - b.cost.totalUsd);
    const best = ranked[0]!;
    const tied = ranked.filter((a) => close(a.cost.totalUsd, best.cost.totalUsd));
    if (tied.length === ranked.length) {
      parts.push(`they cost the same to do the same work (${usd(best.cost.totalUsd)} to finish)`);
    } else {
      cheapest = best.name;
      const others = ranked
        .slice(1)
        .map((a) => {
          const d = a.cost.totalUsd - best.cost.totalUsd;
          return `${a.name} +${usd(d)}${best.cost.totalUsd > 0 ? ` (+${num((100 * d) / best.cost.totalUsd)}%)` : ""}`;
        })
        .join(", ");
      parts.push(
        `${best.name} is the cheapest way to do the same work: ${usd(best.cost.totalUsd)} to finish, utilisation ${pct(best.utilisation)}; ${others}`,
      );
    }
  } else if (works.every((w) => w.requests === 0 && w.compute > 0)) {
    const per = (a: AlternativeResult, w: Work) => a.cost.totalUsd / w.compute;
    const ranked = alternatives.map((a, i) => ({ a, x: per(a, works[i]!) })).sort((p, q) => p.x - q.x);
    cheapest = ranked[0]!.a.name;
    parts.push(
      `the alternatives do different work (${alternatives.map((a, i) => `${a.name} ${num(works[i]!.compute)}`).join(", ")} compute GPU-h), so their costs are not comparable; ` +
        `per compute GPU-hour ${cheapest} is cheapest at ${usd(ranked[0]!.x)} (${ranked
          .slice(1)
          .map((p) => `${p.a.name} ${usd(p.x)}`)
          .join(", ")})`,
    );
  } else {
    parts.push("the alternatives do different work, so their costs are not compared");
  }
  if (alternatives.every((a) => a.inference.length > 0)) {
    const p99 = (a: AlternativeResult) => Math.max(...a.inference.map((w) => w.ttftMs.p99));
    const ranked = [...alternatives].sort((a, b) => p99(a) - p99(b));
    parts.push(`TTFT p99: ${ranked.map((a) => `${a.name} ${latency(p99(a))}`).join(", ")}`);
  }
  let meetingGoal: string[] | null = null;
  let bestForGoal: string | null = null;
  if (goal !== undefined) {
    const checks = alternatives.map((a) => ({ a, c: checkGoal(goal, a, replications) }));
    const meeting = checks.filter((x) => x.c.met).map((x) => x.a);
    meetingGoal = meeting.map((a) => a.name);
    if (meeting.length === 0) {
      const closest = [...checks].sort((x, y) => x.c.shortfall - y.c.shortfall)[0]!;
      parts.push(`${goal.text}: met by none; closest ${closest.a.name} (${closest.c.reason})`);
    } else {
      const best = [...meeting].sort((x, y) => objectiveUsd(goal, x) - objectiveUsd(goal, y))[0]!;
      bestForGoal = best.name;
      parts.push(
        `${goal.text}: met by ${meetingGoal.join(", ")}; best for the goal: ${best.name} (lowest ${OBJECTIVE_TEXT[goal.minimise]}, ${usd(objectiveUsd(goal, best))})`,
      );
    }
  }
  return { basis, verdict: parts.join("; "), cheapest, meetingGoal, bestForGoal };
}
