/**
 * The planning goal of a scenario (`stallsim plan`, docs/planning.md): exactly one target — scenario-level
 * utilisation at least X, completion of the longest job within a deadline, or time-to-first-token p99 at most Y —
 * and what to minimise among the designs that meet it. `stallsim run` ignores the goal.
 */
import { z } from "zod";
import { zFraction, zPositiveDuration } from "./units.ts";

/** The targets a goal may set; exactly one is given. */
export const GOAL_TARGETS = ["utilisation", "deadline", "ttftP99"] as const;

/** A goal: one target (`utilisation`, `deadline` or `ttftP99`) and `minimise` (default `totalUsd`). */
export const Goal = z
  .strictObject({
    /** Scenario-level utilisation (compute GPU-hours / all GPU-hours) at least this fraction (`"90%"` or 0.9). */
    utilisation: zFraction.optional(),
    /** The longest job completes within this wall time (`"72h"`), µs after parsing. */
    deadline: zPositiveDuration.optional(),
    /** Inference time-to-first-token p99 at most this (`"2s"`), µs; needs an inference workload in the scenario. */
    ttftP99: zPositiveDuration.optional(),
    /** What to minimise: the run's total cost (`totalUsd`, default) or its run rate per 730-hour month (`perMonthUsd`). */
    minimise: z.enum(["totalUsd", "perMonthUsd"]).default("totalUsd"),
  })
  .superRefine((g, ctx) => {
    const given = GOAL_TARGETS.filter((k) => g[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: given.length > 1 ? [given[1]!] : [],
        message:
          given.length === 0
            ? "give one target: utilisation, deadline or ttftP99"
            : `give one target, not ${given.join(" and ")}`,
      });
    }
  });

export type GoalSpec = z.input<typeof Goal>;
export type GoalConfig = z.output<typeof Goal>;
