/**
 * Running a prepared sweep: its points through `runPoints` (all cores by default), each result summarised.
 * A point that fails at run time (rare: preparation already validated every point) is an error naming the
 * point's values.
 */
import { isScenarioError } from "../../scenarios/errors.ts";
import { formatPointParams, SweepError } from "./errors.ts";
import type { SweepPointOutput } from "./output.ts";
import { PointRunError, runPoints, type RunPointsOptions } from "../../scenarios/many/pool.ts";
import type { PreparedSweep } from "./prepare.ts";
import { pointSummary } from "./summary.ts";

/**
 * Runs the prepared (selected) points; resolves to their outputs with full results, in index order.
 * @throws SweepError (`SWP_ERR_POINT`) when a point's run rejects its input (a `ScenarioError`);
 *   PointRunError (with the grid index) for any other failure; what `runPoints` throws for bad options.
 */
export async function runSweep(prepared: PreparedSweep, opts: RunPointsOptions = {}): Promise<SweepPointOutput[]> {
  const points = prepared.points;
  let results;
  try {
    results = await runPoints(points, opts);
  } catch (e) {
    if (!(e instanceof PointRunError)) throw e;
    const p = points[e.index]!;
    const cause = e.cause;
    if (isScenarioError(cause)) {
      const head = `sweep point ${p.index} of ${prepared.definition.points} (${formatPointParams(p.params)}) failed`;
      throw new SweepError("SWP_ERR_POINT", `${head}: ${cause.message}`, {
        point: { index: p.index, params: p.params },
        cause,
      });
    }
    throw new PointRunError(p.index, cause);
  }
  return points.map((p, i) => ({
    index: p.index,
    params: p.params,
    summary: pointSummary(results[i]!),
    result: results[i]!,
  }));
}
