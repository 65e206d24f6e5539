/**
 * Sweep errors. Everything a user can get wrong about a sweep (a `--param` that names no field, a value that
 * is not YAML, a grid point that does not validate, a shard spec or a set of shard files that do not fit
 * together) is a `SweepError` with a stable `code` (STYLE.md §10), so the CLI prints it and exits 2 without
 * matching on message text. An invalid point also carries the point (index and parameter values) and the
 * scenario issues with their Zod paths.
 */
import { formatIssues, type ScenarioIssue } from "../../scenarios/errors.ts";
import type { PlainValue } from "../../scenarios/parse-text.ts";

/**
 * `SWP_ERR_PARAM`: a `--param` (syntax, unknown path, value). `SWP_ERR_POINT`: a grid point that is not a valid
 * scenario. `SWP_ERR_SHARD`: a shard spec or shard file. `SWP_ERR_MERGE`: shard files that do not make one sweep.
 */
export type SweepErrorCode = "SWP_ERR_PARAM" | "SWP_ERR_POINT" | "SWP_ERR_SHARD" | "SWP_ERR_MERGE";

/** The grid point an error is about: its index (row-major, the last `--param` varying fastest) and values. */
export interface PointRef {
  readonly index: number;
  /** Parameter values by path as written canonically (`jobs[0].data.workers`). */
  readonly params: Readonly<Record<string, PlainValue>>;
}

/** Options of a `SweepError`. */
export interface SweepErrorOptions {
  /** The scenario issues (with Zod paths) of an invalid point. */
  readonly issues?: readonly ScenarioIssue[];
  readonly point?: PointRef;
  readonly cause?: unknown;
}

/** A sweep that cannot run or shard files that cannot be merged. The message is complete and lower-case. */
export class SweepError extends Error {
  readonly code: SweepErrorCode;
  readonly issues: readonly ScenarioIssue[];
  readonly point: PointRef | undefined;

  constructor(code: SweepErrorCode, message: string, options: SweepErrorOptions = {}) {
    const issues = options.issues ?? [];
    const detail = issues.length === 0 ? "" : `\n${formatIssues(issues).replace(/^/gm, "  ")}`;
    super(message + detail, options.cause === undefined ? {} : { cause: options.cause });
    this.name = "SweepError";
    this.code = code;
    this.issues = issues;
    this.point = options.point;
  }

  /** `{code, message, point?, issues}`, for `--json` error output. */
  toJSON(): { code: SweepErrorCode; message: string; point?: PointRef; issues: readonly ScenarioIssue[] } {
    return {
      code: this.code,
      message: this.message,
      ...(this.point === undefined ? {} : { point: this.point }),
      issues: this.issues,
    };
  }
}

/** True when `e` is a `SweepError`. */
export const isSweepError = (e: unknown): e is SweepError => e instanceof SweepError;

/** `a=1, b="x"`: a point's values as they would be written after `--param` (JSON for strings with odd characters). */
export function formatPointParams(params: Readonly<Record<string, PlainValue>>): string {
  return Object.entries(params)
    .map(([path, value]) => `${path}=${formatValue(value)}`)
    .join(", ");
}

/** A parameter value for messages and tables: plain strings as they are, everything else as JSON. */
export function formatValue(value: PlainValue): string {
  if (typeof value === "string" && /^[^\s,"'{}[\]]+$/.test(value)) return value;
  return JSON.stringify(value);
}
