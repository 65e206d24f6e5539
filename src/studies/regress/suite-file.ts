/**
 * The suite file (`suite.yaml` in a suite folder): which scenarios a regression suite runs, with what seed,
 * replications and fidelity, and the tolerances of its metrics. Without one, a suite is every scenario
 * file in its folder with the scenarios' own seeds, one replication and default tolerances.
 *
 * ```yaml
 * description: the bundled scenarios           # optional
 * tolerance:                                   # optional, for every scenario: METRIC: TOLERANCE
 *   au: 0.005abs
 *   cost.totalUsd: 1%
 * scenarios:                                   # optional; default: every scenario file in this folder
 *   - dir: ../../src/scenarios/bundled         # every scenario file in a folder (relative to this file) …
 *     fidelity: bulk
 *   - file: big-cluster.yaml                   # … or one file
 *     name: big-cluster-seed-7                 # id in the baseline (default: the file name without extension)
 *     seed: 7                                  # default: the scenario's own seed
 *     replications: 3                          # default: 1
 *     fidelity: bulk                           # default: the scenario's own (auto)
 *     tolerance: { completionHours: 2% }       # this scenario's tolerances, over the suite's
 * ```
 */
import { z } from "zod";

/** The names a suite file may have in its folder, in the order they are looked for. */
export const SUITE_FILE_NAMES = ["suite.yaml", "suite.yml", "suite.json"] as const;

const ToleranceMap = z.record(z.string(), z.union([z.string(), z.number().nonnegative()]));

/** One entry of `scenarios`: a `file` (optionally with a `name`) or a `dir`, with optional settings. */
export const SuiteEntrySpec = z
  .strictObject({
    file: z.string().min(1).optional(),
    dir: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    seed: z.number().int().nonnegative().optional(),
    replications: z.number().int().positive().optional(),
    fidelity: z.enum(["auto", "per-step", "bulk"]).optional(),
    tolerance: ToleranceMap.optional(),
  })
  .superRefine((e, ctx) => {
    if ((e.file === undefined) === (e.dir === undefined))
      ctx.addIssue({ code: "custom", message: "give either file or dir", path: [] });
    if (e.name !== undefined && e.file === undefined)
      ctx.addIssue({
        code: "custom",
        message: "name needs a file (a dir's scenarios are named by file)",
        path: ["name"],
      });
  });

/** The suite file. */
export const SuiteFile = z.strictObject({
  description: z.string().optional(),
  tolerance: ToleranceMap.optional(),
  scenarios: z.array(SuiteEntrySpec).min(1).optional(),
});

/** A suite file as parsed. */
export type SuiteFileSpec = z.output<typeof SuiteFile>;
/** One scenario entry as parsed. */
export type SuiteEntryConfig = z.output<typeof SuiteEntrySpec>;
