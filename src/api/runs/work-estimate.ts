/**
 * How much simulating a submitted scenario costs, before it runs, so the server can refuse what would take
 * too long: the scenarios layer's estimate (`estimateScenarioWork`, src/scenarios/work.ts), whose unit is about
 * one µs of one core, behind one function for the API, and its wording in messages.
 */
import type { StorageProfile } from "../../models/storage/profile.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import { estimateScenarioWork } from "../../scenarios/work.ts";
import type { FidelityName } from "../schemas/scenarios.ts";

/** Default budget, work units (STALLSIM_WORK_BUDGET): 6e8 ≈ 10 minutes of one core. */
export const DEFAULT_WORK_BUDGET = 6e8;

/** One job's share of the estimate (all replications). */
export interface JobWork {
  readonly name: string;
  readonly fidelity: "per-step" | "bulk";
  readonly units: number;
}

/** The estimate of a run: `units` for all jobs and replications. */
export interface WorkEstimate {
  readonly units: number;
  readonly jobs: readonly JobWork[];
}

/**
 * Estimated work of running `config` `replications` times at `fidelity` (`auto` picks per job as the runner
 * does), with the storage profiles it names.
 * @throws ScenarioError when provisioning exceeds what a preset allows (as the run itself would).
 */
export function estimateWork(
  config: ScenarioConfig,
  fidelity: FidelityName,
  replications: number,
  profiles: ReadonlyMap<string, StorageProfile>,
): WorkEstimate {
  const w = estimateScenarioWork(config, { fidelity, replications, profiles });
  return { units: w.units, jobs: w.perJob.map((j) => ({ name: j.name, fidelity: j.fidelity, units: j.units })) };
}

/** `1.2e12` → `1.2T`; `6e8` → `600M`. */
export const formatUnits = (units: number): string =>
  units.toLocaleString("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** Work units as the time of one core they stand for (1 unit ≈ 1 µs): `≈ 10 min`, `≈ 3.2 h`. */
export function formatCoreTime(units: number): string {
  const s = units / 1e6;
  if (!Number.isFinite(s)) return "forever";
  if (s < 60) return `≈ ${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  if (s < 3600) return `≈ ${Math.round(s / 60)} min`;
  if (s < 86400 * 2) return `≈ ${(s / 3600).toFixed(1)} h`;
  return `≈ ${formatUnits(s / 86400)} days`;
}
