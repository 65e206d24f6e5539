/**
 * Whether a design can be provisioned as asked, before any simulation: provisioning above a preset's maximum,
 * below its free baseline, beyond its per-GiB or per-IOPS rules, or a capacity below its minimum makes a design
 * invalid (with the reason). For valid designs it also gives what the search needs without simulating: the
 * monthly storage bill, the performance in effect (the design's coordinates) and a floor of the GPU run rate.
 */
import { provisionedPerformance, storageMonthlyUsd, type AdjustmentReason } from "../../models/cost/storage-cost.ts";
import type { StorageProfile } from "../../models/storage/profile.ts";
import { storagePresetByName } from "../../models/storage/presets/index.ts";
import { isScenarioError } from "../../scenarios/errors.ts";
import { resolveScenario, type ResolvedScenario } from "../../scenarios/resolve.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import type { Design } from "./design.ts";
import { bytesText, countText, rateText } from "../../scenarios/result/format.ts";

/** What is known about a design before it is simulated. */
export interface DesignCheck {
  /** Why it cannot be provisioned as asked; undefined when it can. */
  readonly invalid: string | undefined;
  /** The storage bill per 730-hour month, USD (as `stallsim run` computes it); NaN when invalid. */
  readonly storageMonthlyUsd: number;
  /** Performance in effect per searched binding (IOPS, bytes/s, capacity) and job (cache bytes per node). */
  readonly levels: readonly number[];
  /** A floor of the run's GPU cost per wall hour, USD/hour (the smallest job's GPUs × $/GPU-hour, or 0). */
  readonly gpuUsdPerHourFloor: number;
}

type Field = "iops" | "bytesPerSecond" | "capacityBytes";

const show = (field: Field, v: number): string =>
  field === "iops"
    ? `${countText(v)} IOPS`
    : field === "bytesPerSecond"
      ? `throughput ${rateText(v)}`
      : `capacity ${bytesText(v)}`;

const RULES: Record<AdjustmentReason, string> = {
  baseline: "is below the free baseline",
  "minimum-capacity": "is below the minimum capacity",
  "iops-per-gib": "is more than the IOPS-per-GiB rule allows at this capacity:",
  "bytes-per-second-per-iops": "is more than the throughput-per-IOPS rule allows at these IOPS:",
};

/** The maximum a provisioned preset allows, as a reason, or undefined. */
function aboveMaximum(p: StorageProfile, iops: number | undefined, tp: number | undefined): string | undefined {
  if (p.scaling.kind !== "provisioned") return undefined;
  const sc = p.scaling;
  if (tp !== undefined && tp > sc.maxBytesPerSecond) {
    return `provisioning above the preset's maximum: ${show("bytesPerSecond", tp)} > ${rateText(sc.maxBytesPerSecond)} of ${p.name}`;
  }
  if (iops !== undefined && iops > sc.maxIops) {
    return `provisioning above the preset's maximum: ${show("iops", iops)} > ${countText(sc.maxIops)} of ${p.name}`;
  }
  return undefined;
}

/**
 * GPUs × $/GPU-hour of the smallest training job: the run rate's GPU part is at least this when the run's wall time
 * is a training job's. With serving workloads (whose duration may set the wall time) or no jobs, 0.
 */
const floorOf = (config: ScenarioConfig, r: ResolvedScenario): number =>
  config.inference.length > 0 || r.jobs.length === 0 ? 0 : r.gpuUsdPerHour * Math.min(...r.jobs.map((j) => j.gpus));

/**
 * Checks a design applied to the scenario (`config` = `applyDesign(base, d)`).
 * @throws nothing for provisioning problems (they make the design invalid); rethrows anything else.
 */
export function checkDesign(
  config: ScenarioConfig,
  d: Pick<Design, "storage" | "jobs">,
  profiles?: ReadonlyMap<string, StorageProfile>,
): DesignCheck {
  const bad = (invalid: string): DesignCheck => ({
    invalid,
    storageMonthlyUsd: NaN,
    levels: [],
    gpuUsdPerHourFloor: NaN,
  });
  for (const [name, c] of Object.entries(d.storage)) {
    const over = aboveMaximum(storagePresetByName(c.preset), c.iops, c.throughput);
    if (over !== undefined) return bad(`${name}: ${over}`);
  }
  let r: ResolvedScenario;
  try {
    r = resolveScenario(config, profiles);
  } catch (e) {
    if (isScenarioError(e)) return bad(e.issues.map((i) => i.message).join("; "));
    throw e;
  }
  const levels: number[] = [];
  for (const [name, c] of Object.entries(d.storage)) {
    const st = r.storage.get(name)!;
    const p = storagePresetByName(c.preset);
    // A byte of slack: "1.2TiB" parses to whole bytes, just under the minimum 1.2 × 2^40.
    if (c.capacity !== undefined && st.capacityBytes > c.capacity + 1) {
      return bad(
        `${name}: ${show("capacityBytes", c.capacity)} ${RULES["minimum-capacity"]} ${bytesText(st.capacityBytes)} of ${p.name}`,
      );
    }
    const perf = provisionedPerformance(p, st.capacityBytes, { iops: c.iops, bytesPerSecond: c.throughput });
    for (const a of perf.adjustments) {
      const asked = a.field === "iops" ? c.iops : a.field === "bytesPerSecond" ? c.throughput : undefined;
      if (asked === undefined) continue;
      const rule = RULES[a.reason];
      const limit = show(a.field, a.to).replace(/^throughput /, "");
      return bad(`${name}: ${show(a.field, a.from)} ${rule} ${limit} on ${p.name}`);
    }
    levels.push(st.iops, st.bytesPerSecond, st.capacityBytes);
  }
  for (const name of Object.keys(d.jobs)) {
    const job = r.jobs.find((j) => j.name === name)!;
    levels.push(job.data.cacheBytesPerNode);
  }
  let monthly = 0;
  for (const st of r.storage.values()) {
    monthly += storageMonthlyUsd(st.profile, {
      capacityBytes: st.capacityBytes,
      volumes: st.volumes,
      iops: st.iops,
      bytesPerSecond: st.bytesPerSecond,
    }).totalUsd;
  }
  return { invalid: undefined, storageMonthlyUsd: monthly, levels, gpuUsdPerHourFloor: floorOf(config, r) };
}
