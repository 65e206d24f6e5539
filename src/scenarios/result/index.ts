/**
 * The result document and the one module that builds it (see types.ts for what each number means).
 */
export type {
  AlternativeResult,
  Comparison,
  CostResult,
  HoursByCause,
  Interval,
  JobResult,
  ResultWarning,
  ScenarioResult,
  StorageResult,
  Timeline,
  TimelineEvent,
} from "./types.ts";
export type { ClusterDetail, NodeBreakdown, QueueingSummary, WorkloadPlacement } from "./cluster-types.ts";
export type { InferenceResult, LatencyMs } from "./inference-types.ts";
export { finishAlternative, partsOf, priced, type AlternativeParts } from "./alternative.ts";
export { compareAlternatives } from "./comparison.ts";
export { definitions, BOOTSTRAP_RESAMPLES } from "./definitions.ts";
export { scenarioResult } from "./document.ts";
export {
  checkGoal,
  goalMetric,
  goalOf,
  metricText,
  objectiveUsd,
  OBJECTIVE_TEXT,
  shortfallText,
  valueText,
  type Goal,
  type GoalCheck,
  type GoalKind,
  type Objective,
} from "./goal.ts";
export { aggregateAlternatives, bootstrapInterval, meanOf, resamples } from "./replications.ts";
