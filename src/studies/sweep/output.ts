/**
 * The result of a sweep as a document: the definition and one entry per point, in index order. `stallsim sweep
 * --json` prints it with each point's summary; `--full` adds each point's full result document (what `stallsim
 * run --json` prints, timeline included). A merge of shard files rebuilds the same document, byte for byte.
 */
import type { PlainValue } from "../../scenarios/parse-text.ts";
import type { ScenarioResult } from "../../scenarios/result/index.ts";
import type { SweepDefinition } from "./definition.ts";
import type { PointSummary } from "./summary.ts";

/** One point of a sweep's output. */
export interface SweepPointOutput {
  /** Row-major index in the grid. */
  index: number;
  /** Values by parameter path, in `--param` order. */
  params: Record<string, PlainValue>;
  summary: PointSummary;
  /** The full result document; always in shard files, in `--json` output only with `--full`. */
  result?: ScenarioResult;
}

/** A sweep's output: `{ sweep, points }`. */
export interface SweepOutput {
  sweep: SweepDefinition;
  points: SweepPointOutput[];
}

/** The `--json` text: points with their summaries, and with their full results when `full`. */
export function sweepJson(output: SweepOutput, full: boolean): string {
  const points = output.points.map((p) =>
    full
      ? { index: p.index, params: p.params, summary: p.summary, result: p.result }
      : {
          index: p.index,
          params: p.params,
          summary: p.summary,
        },
  );
  return JSON.stringify({ sweep: output.sweep, points });
}
