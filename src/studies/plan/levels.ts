/**
 * The levels a storage option expands to for one preset: the given throughput, IOPS and capacity levels, or
 * defaults. Defaults: for presets with provisioned performance, 8 levels of the priced dimension from the free
 * baseline (or an eighth of the maximum when there is none) to the preset's maximum — throughput evenly spaced
 * when throughput is priced (gp3, Premium SSD v2, Hyperdisk), else IOPS doubling up to the maximum (io2); for
 * per-capacity presets (Lustre), capacity ×1, ×2, ×4, ×8 of what the jobs need (at least the preset's minimum);
 * for fixed presets, the preset as it is. With throughput but no IOPS given, IOPS are the least that allow the
 * throughput (the preset's throughput-per-IOPS rule; its baseline at least).
 */
import type { StorageProfile } from "../../models/storage/profile.ts";
import type { StorageOptionConfig } from "../../scenarios/schema/search.ts";
import type { StorageChoice } from "./design.ts";

/** Default number of levels of a provisioned preset. */
export const DEFAULT_LEVELS = 8;

/** Default capacity multiples of a per-capacity preset. */
export const DEFAULT_CAPACITY_MULTIPLES = [1, 2, 4, 8] as const;

type Provisioned = Extract<StorageProfile["scaling"], { kind: "provisioned" }>;

/** The least IOPS that let `bytesPerSecond` through under the preset's per-IOPS rule (undefined: no rule). */
export function autoIops(sc: Provisioned, bytesPerSecond: number): number | undefined {
  if (!Number.isFinite(sc.maxBytesPerSecondPerIops)) return undefined;
  return Math.max(sc.baselineIops, Math.ceil(bytesPerSecond / sc.maxBytesPerSecondPerIops - 1e-9));
}

/** Default throughput and IOPS levels of a provisioned preset (see the header). */
export function defaultProvisionedLevels(p: StorageProfile & { scaling: Provisioned }): {
  throughput?: number[];
  iops?: number[];
} {
  const sc = p.scaling;
  const n = DEFAULT_LEVELS;
  if (p.price.perMBpsMonth > 0) {
    const low = sc.baselineBytesPerSecond > 0 ? sc.baselineBytesPerSecond : sc.maxBytesPerSecond / n;
    const step = (sc.maxBytesPerSecond - low) / (n - 1);
    return { throughput: Array.from({ length: n }, (_, i) => Math.round(low + i * step)) };
  }
  if (p.price.perIopsMonth > 0) {
    const iops = Array.from({ length: n }, (_, i) => Math.round(sc.maxIops / 2 ** (n - 1 - i)));
    return { iops: [...new Set(iops.map((x) => Math.max(x, sc.baselineIops)))] };
  }
  return {};
}

const isProvisioned = (p: StorageProfile): p is StorageProfile & { scaling: Provisioned } =>
  p.scaling.kind === "provisioned";

/**
 * The storage choices of one preset under one option. `neededBytes()` is the capacity the preset would get with
 * no capacity given (what the jobs put there, raised to the preset's minimum), used for default capacity levels.
 */
export function presetChoices(
  p: StorageProfile,
  option: StorageOptionConfig,
  neededBytes: () => number,
): StorageChoice[] {
  let capacities: (number | undefined)[] = option.capacity ?? [undefined];
  if (option.capacity === undefined && p.scaling.kind === "per-capacity") {
    const c0 = neededBytes();
    capacities = DEFAULT_CAPACITY_MULTIPLES.map((k) => c0 * k);
  }
  if (!isProvisioned(p)) return capacities.map((capacity) => withDefined({ preset: p.name, capacity }));
  let throughput: (number | undefined)[] | undefined = option.throughput;
  let iops: (number | undefined)[] | undefined = option.iops;
  if (throughput === undefined && iops === undefined) ({ throughput, iops } = defaultProvisionedLevels(p));
  const out: StorageChoice[] = [];
  for (const capacity of capacities) {
    for (const io of iops ?? [undefined]) {
      for (const tp of throughput ?? [undefined]) {
        const auto = io === undefined && tp !== undefined ? autoIops(p.scaling, tp) : undefined;
        out.push(withDefined({ preset: p.name, capacity, iops: io ?? auto, throughput: tp }));
      }
    }
  }
  return out;
}

/** The choice without its undefined fields (so equal choices serialise equally). */
function withDefined(c: {
  preset: string;
  capacity?: number | undefined;
  iops?: number | undefined;
  throughput?: number | undefined;
}): StorageChoice {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as StorageChoice;
}
