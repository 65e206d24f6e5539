/**
 * The cost–utilisation frontier: of a set of designs, those no other design dominates. `a` dominates `b` when it
 * costs no more and utilises no less, and is strictly better in one of the two. The frontier, sorted by cost, has
 * strictly increasing utilisation; of designs with equal cost and utilisation, only the first (lowest id) is kept.
 */

/** A design as a point: its id, cost (USD, lower is better) and utilisation (0–1, higher is better). */
export interface FrontierPoint {
  readonly id: number;
  readonly cost: number;
  readonly utilisation: number;
}

/** `a` dominates `b`: no costlier, no less utilised, strictly better in one. */
export const dominates = (a: FrontierPoint, b: FrontierPoint): boolean =>
  a.cost <= b.cost && a.utilisation >= b.utilisation && (a.cost < b.cost || a.utilisation > b.utilisation);

/**
 * The Pareto-optimal points, cheapest first (utilisation strictly increasing along it). O(n log n): sorted by cost
 * (then by utilisation, highest first, then id), a point is on the frontier when it beats the best utilisation
 * seen so far.
 */
export function paretoFrontier<T extends FrontierPoint>(points: readonly T[]): T[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || b.utilisation - a.utilisation || a.id - b.id);
  const out: T[] = [];
  let bestUtilisation = -Infinity;
  for (const p of sorted) {
    if (p.utilisation > bestUtilisation) {
      out.push(p);
      bestUtilisation = p.utilisation;
    }
  }
  return out;
}
