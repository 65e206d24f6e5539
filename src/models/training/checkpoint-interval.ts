/**
 * Optimal checkpoint intervals from the checkpoint cost δ (the time the job is blocked per checkpoint) and
 * the job's mean time between failures M. Pure functions; all times in µs.
 *
 * - Young (CACM 1974): τ = √(2δM), a first-order optimum.
 * - Daly (FGCS 22(3), 2006, doi:10.1016/j.future.2004.11.016): the higher-order perturbation solution
 *   τ = √(2δM)·[1 + ⅓·√(δ/2M) + (1/9)·(δ/2M)] − δ for δ < 2M, and τ = M otherwise. It reproduces Daly's
 *   worked examples (δ = 5 min: M = 24 h → 117 min, 6 h → 57 min, 15 min → 9.1 min); the formula's exact
 *   form is tagged [unverified] in shared/reference/anchors.md §1.9, and test/models checks those examples.
 */
import type { SimTime } from "../../sim/time.ts";

function check(costUs: number, mtbfUs: number): void {
  if (!(costUs > 0 && costUs < Infinity)) throw new RangeError(`invalid checkpoint cost: ${costUs}us`);
  if (!(mtbfUs > 0 && mtbfUs < Infinity)) throw new RangeError(`invalid mtbf: ${mtbfUs}us`);
}

/** Young's interval √(2δM), rounded to µs. @throws RangeError on a non-positive cost or MTBF. */
export function youngIntervalUs(costUs: number, mtbfUs: number): SimTime {
  check(costUs, mtbfUs);
  return Math.round(Math.sqrt(2 * costUs * mtbfUs)) as SimTime;
}

/** Daly's higher-order interval, rounded to µs. @throws RangeError on a non-positive cost or MTBF. */
export function dalyIntervalUs(costUs: number, mtbfUs: number): SimTime {
  check(costUs, mtbfUs);
  if (costUs >= 2 * mtbfUs) return Math.round(mtbfUs) as SimTime;
  const x = costUs / (2 * mtbfUs);
  const tau = Math.sqrt(2 * costUs * mtbfUs) * (1 + Math.sqrt(x) / 3 + x / 9) - costUs;
  return Math.round(tau) as SimTime;
}
