/**
 * The CLI's work budget: the API's estimate (src/scenarios/work.ts) and budget (STALLSIM_WORK_BUDGET, default
 * about 10 minutes of one core), so a command line cannot start a run that would take days without saying so.
 * Over the budget a command is refused (exit 2) with the estimate, each workload's share and how to reduce it,
 * unless `--force`; above half a minute it says how long it expects before it starts.
 */
import { DEFAULT_WORK_BUDGET, formatCoreTime, overBudget } from "../scenarios/budget.ts";
import type { ScenarioConfig } from "../scenarios/schema/scenario.ts";
import type { ScenarioWork } from "../scenarios/work.ts";
import { err } from "./io.ts";
import { UsageError } from "./usage-error.ts";

/** The units a share's message starts with, to list the largest first. */
const shareUnits = (s: { message: string }): number => {
  const m = /: ([\d.]+)([KMBT]?) units/.exec(s.message);
  const scale = { "": 1, K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[m?.[2] ?? ""] ?? 1;
  return m ? Number(m[1]) * scale : 0;
};

/** Work above this (≈ 30 s of one core) is announced before it starts. */
const NOTICE_UNITS = 3e7;

/**
 * The budget from STALLSIM_WORK_BUDGET (work units), else the default.
 * @throws UsageError for a value that is not a positive number.
 */
export function cliBudget(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.STALLSIM_WORK_BUDGET;
  if (text === undefined || text === "") return DEFAULT_WORK_BUDGET;
  const n = Number(text);
  if (!(n > 0 && n < Infinity)) {
    throw new UsageError(`invalid STALLSIM_WORK_BUDGET: ${text} (expected a positive number of work units)`);
  }
  return n;
}

/** What is being estimated, for the messages. */
export interface WorkCheck {
  /** The command's work in words: `this run`, `the sweep's 12 points`. */
  readonly what: string;
  readonly replications: number;
  readonly force: boolean;
  /** The scenario whose jobs and workloads the shares name. */
  readonly config: ScenarioConfig;
}

/**
 * Refuses `work` over the budget unless forced; announces long work on stderr.
 * @throws UsageError with the estimate, the shares and the ways to reduce it (and `--force`).
 */
export function checkCliWork(work: ScenarioWork, c: WorkCheck): void {
  const budget = cliBudget();
  const over = overBudget(work, budget, {
    replications: c.replications,
    what: "STALLSIM_WORK_BUDGET",
    jobNames: c.config.jobs.map((j) => j.name),
    workloadNames: c.config.inference.map((w) => w.name),
  });
  if (over !== undefined && !c.force) {
    const top = [...over.shares].sort((x, y) => shareUnits(y) - shareUnits(x));
    const shown = top.slice(0, 5).map((s) => `\n  ${s.message}`);
    const shares = shown.join("") + (top.length > 5 ? `\n  and ${top.length - 5} more` : "");
    throw new UsageError(`${c.what}: ${over.message}, or add --force to run it anyway${shares}`);
  }
  if (work.units > NOTICE_UNITS) {
    err(
      `stallsim: ${c.what}: estimated ${formatCoreTime(work.units)} of one core${over ? " (over the budget: --force)" : ""}`,
    );
  }
}
