/**
 * CI regression checks (`stallsim regress`): a suite of scenarios run with fixed seeds, their metrics compared
 * with a stored baseline under per-metric tolerances, a report, JUnit XML, and the baseline `--update` writes.
 * See docs/regress.md.
 */
export {
  BASELINE_FORMAT,
  BASELINE_PRECISION,
  baselineScenarios,
  buildBaseline,
  parseBaseline,
  roundMetric,
  sameResults,
  serializeBaseline,
  type Baseline,
  type BaselineRun,
  type BaselineScenario,
  type Fidelity,
  type RunSettings,
} from "./baseline.ts";
export { compareMetrics, moveStatus, withinTolerance, type MetricComparison, type MetricStatus } from "./compare.ts";
export { isRegressError, RegressError, type RegressErrorCode } from "./errors.ts";
export { describeMove, formatDelta, formatPercent, formatValue } from "./format-value.ts";
export { junitXml, xmlEscape } from "./junit.ts";
export { loadSuite, type Suite, type SuiteScenario } from "./load-suite.ts";
export { formatMetricPath, matchesMetric, parseMetricPath } from "./metric-path.ts";
export { extractMetrics, JOB_NAME, METRIC_TEMPLATES, type Better, type Metric, type MetricKind } from "./metrics.ts";
export {
  regress,
  type RegressOptions,
  type RegressOutcome,
  type RegressReport,
  type ScenarioReport,
  type ScenarioStatus,
} from "./regress.ts";
export { poolRunner, serialRunner, type ScenarioBatchRunner, type ScenarioRunRequest } from "./runner.ts";
export {
  SUITE_FILE_NAMES,
  SuiteEntrySpec,
  SuiteFile,
  type SuiteEntryConfig,
  type SuiteFileSpec,
} from "./suite-file.ts";
export {
  DEFAULT_TOLERANCES,
  formatTolerance,
  parseTolerance,
  parseToleranceArgs,
  resolveTolerance,
  toleranceRule,
  type Tolerance,
  type ToleranceRule,
} from "./tolerance.ts";
