/**
 * What defines a sweep, and its hash. Two runs with the same definition hash compute the same points with the
 * same results, so shards from different machines can be merged: the hash covers the scenario document as
 * parsed (not its file name or formatting, so a bundled name and the same file mounted in a pod agree), the
 * profile files its bindings use, the parameters (paths and parsed values, in order), and the run options that
 * change results (seed override, replications, fidelity override). Worker counts and output formats do not.
 */
import { createHash } from "node:crypto";
import type { StorageProfile } from "../../models/storage/profile.ts";
import type { PlainValue } from "../../scenarios/parse-text.ts";
import type { Fidelity } from "../../scenarios/many/point-task.ts";
import type { SweepParam } from "./grid.ts";

/** The sweep as reported with its results (`--json`'s `sweep` key, and in every shard file). */
export interface SweepDefinition {
  /** The swept scenario's `name`. */
  scenario: string;
  /** `sha256:` and 64 hex digits (see `sweepHash`). */
  hash: string;
  /** The dimensions: canonical path and values, in `--param` order. */
  params: { path: string; values: PlainValue[] }[];
  /** `--seed`; null: each point uses its scenario's seed. */
  seed: number | null;
  replications: number;
  /** `--fidelity`; null: each point uses its scenario's. */
  fidelity: Fidelity | null;
  /** Points in the grid. */
  points: number;
}

/** The inputs of `sweepHash`. */
export interface SweepHashInput {
  readonly document: PlainValue;
  readonly params: readonly SweepParam[];
  readonly seed: number | undefined;
  readonly replications: number;
  readonly fidelity: Fidelity | undefined;
  /** Profile files by path as written in the scenario (any order). */
  readonly profiles: ReadonlyMap<string, StorageProfile>;
}

/** `sha256:<hex>` of the canonical JSON of the definition's inputs (format version 1). */
export function sweepHash(input: SweepHashInput): string {
  const canonical = JSON.stringify({
    v: 1,
    document: input.document,
    params: input.params.map((p) => ({ path: p.path, values: p.values })),
    seed: input.seed ?? null,
    replications: input.replications,
    fidelity: input.fidelity ?? null,
    profiles: [...input.profiles.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  });
  return `sha256:${createHash("sha256").update(canonical).digest("hex")}`;
}

/** The reported definition of a sweep over `params` of the scenario named `scenario`. */
export function sweepDefinition(scenario: string, input: SweepHashInput): SweepDefinition {
  return {
    scenario,
    hash: sweepHash(input),
    params: input.params.map((p) => ({ path: p.label, values: [...p.values] })),
    seed: input.seed ?? null,
    replications: input.replications,
    fidelity: input.fidelity ?? null,
    points: input.params.reduce((n, p) => n * p.values.length, 1),
  };
}
