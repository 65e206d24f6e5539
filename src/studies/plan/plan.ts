/**
 * `planScenario`: a scenario with a goal → the plan report. Reads the goal (goal.ts), expands the search space
 * (space.ts), runs the chosen strategy (strategy.ts) through a runner (runner.ts: serial in-process by default,
 * a worker pool when injected) and builds the report (report.ts). Deterministic: the same scenario, seed and
 * replications give the same report whatever the runner.
 */
import type { StorageProfile } from "../../models/storage/profile.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import { planGoal } from "./goal.ts";
import { buildReport, type PlanReport } from "./report.ts";
import { serialRunner, type ScenarioRunner } from "./runner.ts";
import { expandSpace, searchOf } from "./space.ts";
import { exhaustiveSearch, smartSearch } from "./strategy.ts";
import { estimateScenarioWork, type ScenarioWork } from "../../scenarios/work.ts";

/** Options of a plan. */
export interface PlanOptions {
  /** The scenario file's name, for error messages. */
  readonly source?: string;
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Runs per design; overrides `search.replications` (default 1). */
  readonly replications?: number;
  /** Overrides `search.strategy` (default `smart`). */
  readonly strategy?: "smart" | "exhaustive";
  /** Overrides the scenario's fidelity. */
  readonly fidelity?: "auto" | "per-step" | "bulk";
  /** Profile files the storage bindings name (load-profiles.ts). */
  readonly profiles?: ReadonlyMap<string, StorageProfile>;
  /**
   * Simulates batches of designs; it must run them with this plan's seed, replications, fidelity and profiles
   * (`makeRunner` gets them). Default: `serialRunner`.
   */
  readonly makeRunner?: (opts: {
    seed: number;
    replications: number;
    fidelity: "auto" | "per-step" | "bulk" | undefined;
    profiles: ReadonlyMap<string, StorageProfile> | undefined;
  }) => ScenarioRunner;
  /** Called after each batch with the number of designs simulated so far and the number of valid designs. */
  readonly onProgress?: (simulated: number, valid: number) => void;
  /**
   * Called before any simulation with the work of simulating every valid design (what exhaustive search does;
   * the smart search simulates fewer) and the number of designs; may throw to refuse the plan.
   */
  readonly checkWork?: (work: ScenarioWork, designs: number) => void;
}

/**
 * Plans a validated scenario.
 * @throws ScenarioError SCN_ERR_INVALID (with the path) for a missing goal, a TTFT goal without an inference
 *   workload, or a bad search space (space.ts); RangeError for bad replications; whatever the runner throws.
 */
export async function planScenario(config: ScenarioConfig, opts: PlanOptions = {}): Promise<PlanReport> {
  const goal = planGoal(config, opts.source);
  const search = searchOf(config);
  const replications = opts.replications ?? search.replications;
  if (!(Number.isInteger(replications) && replications >= 1))
    throw new RangeError(`invalid replications: ${replications}`);
  const strategy = opts.strategy ?? search.strategy;
  const seed = opts.seed ?? config.seed;
  const candidates = expandSpace(config, { source: opts.source, profiles: opts.profiles });
  const runOpts = { seed, replications, fidelity: opts.fidelity, profiles: opts.profiles };
  const runner = (opts.makeRunner ?? serialRunner)(runOpts);
  const valid = candidates.filter((c) => c.invalid === undefined).length;
  if (opts.checkWork !== undefined) {
    const works = candidates
      .filter((c) => c.invalid === undefined)
      .map((c, i) => {
        const w = estimateScenarioWork(c.config, runOpts);
        const at = <T extends { name: string }>(x: T): T => ({ ...x, name: `#${i}/${x.name}` });
        return { ...w, perJob: w.perJob.map(at), perWorkload: w.perWorkload.map(at) };
      });
    opts.checkWork(
      {
        units: works.reduce((n, w) => n + w.units, 0),
        perJob: works.flatMap((w) => w.perJob),
        perWorkload: works.flatMap((w) => w.perWorkload),
      },
      valid,
    );
  }
  const checked: ScenarioRunner = async (configs) => {
    const results = await runner(configs);
    for (const r of results) {
      if (r.replications !== replications) {
        throw new Error(`runner ran ${r.replications} replications per design; the plan asked for ${replications}`);
      }
    }
    return results;
  };
  const onBatch = opts.onProgress ? (n: number) => opts.onProgress!(n, valid) : undefined;
  const search_ = strategy === "smart" ? smartSearch : exhaustiveSearch;
  let outcome;
  try {
    outcome = await search_(candidates, goal, checked, onBatch ? { onBatch } : {});
  } finally {
    await runner.close?.();
  }
  return buildReport(config, goal, candidates, outcome, { replications, seed, strategy });
}
