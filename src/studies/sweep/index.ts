/**
 * Sweeps and the point pool: grids over scenario fields, running many points on all cores with results
 * identical to a serial run, shards and their merge, and the Kubernetes Indexed Job manifest. The planner and
 * the regression runner use `runPoints` (and `PointPool` to keep threads between batches).
 */
export { sweepDefinition, sweepHash, type SweepDefinition, type SweepHashInput } from "./definition.ts";
export {
  formatPointParams,
  formatValue,
  isSweepError,
  SweepError,
  type PointRef,
  type SweepErrorCode,
} from "./errors.ts";
export { formatSweepCsv, formatSweepTable, csvField, sweepHeadline } from "./format.ts";
export { checkGrid, gridSize, gridValues, MAX_POINTS, parseParam, pointParams, type SweepParam } from "./grid.ts";
export { k8sJobManifest, podScript, RESULTS_DIR, SCENARIO_DIR, shellQuote, type K8sJobOptions } from "./k8s-job.ts";
export { sweepJson, type SweepOutput, type SweepPointOutput } from "./output.ts";
export { parsePath, type PathSegments } from "./path.ts";
export type { Fidelity } from "../../scenarios/many/point-task.ts";
export {
  defaultWorkers,
  PointPool,
  PointRunError,
  runPoints,
  type RunPointsOptions,
  type SimPoint,
} from "../../scenarios/many/pool.ts";
export { prepareSweep, type PreparedSweep, type SweepPoint, type SweepRequest } from "./prepare.ts";
export { runSweep } from "./run-sweep.ts";
export { checkSchemaPath } from "./schema-path.ts";
export { setPath } from "./set-path.ts";
export {
  checkShardDocument,
  inShard,
  mergeShards,
  parseShardSpec,
  shardDocument,
  shardIndices,
  SHARD_FORMAT,
  SHARD_KIND,
  type ShardDocument,
  type ShardSpec,
} from "./shard.ts";
export { pointSummary, type PointSummary, type SummaryHalfWidths } from "./summary.ts";
export { parseValue, parseValues, splitValues } from "./values.ts";
