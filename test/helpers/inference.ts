/**
 * Fixtures for serving tests: a storage profile with only the limits a test names, and a workload on whole
 * GPUs or MIG instances with everything else neutral (no start-up, no latency, one stream).
 */
import { gpuByName } from "../../src/models/gpu/catalog.ts";
import { validateMigLayout } from "../../src/models/gpu/mig/layout.ts";
import { buildPool } from "../../src/models/inference/instance-pool.ts";
import type { InferenceWorkload } from "../../src/models/inference/workload.ts";
import type { StorageProfile } from "../../src/models/storage/profile.ts";
import { LOCAL_NVME } from "../../src/models/storage/presets/local-nvme.ts";

const open = { bytesPerSecond: Infinity, iops: Infinity };

/** A regional (so NIC-crossing) store with no limit of its own, zero latency; `volumeRead` caps its volume. */
export function plainStore(volumeRead = Infinity): StorageProfile {
  return {
    ...LOCAL_NVME,
    name: "plain",
    category: "file-share",
    topology: "regional",
    latency: {
      read: { baseLatencyUs: 0, perStreamBytesPerSecond: Infinity },
      write: { baseLatencyUs: 0, perStreamBytesPerSecond: Infinity },
    },
    volume: { read: { bytesPerSecond: volumeRead, iops: Infinity }, write: open },
    aggregate: { read: open, write: open },
  };
}

/** Pool options of {@link makeWorkload}. */
export interface PoolSpec {
  gpu?: string;
  nodes?: number;
  gpusPerNode?: number;
  mig?: string[];
  firstNode?: number;
}

/** A workload with neutral defaults; `pool` picks the instances, `w` overrides anything else. */
export function makeWorkload(w: Partial<InferenceWorkload> = {}, pool: PoolSpec = {}): InferenceWorkload {
  const gpu = gpuByName(pool.gpu ?? "h100-sxm");
  const p = buildPool({
    gpu,
    nodes: pool.nodes ?? 1,
    gpusPerNode: pool.gpusPerNode ?? 1,
    layout: pool.mig === undefined ? undefined : validateMigLayout(gpu.name, pool.mig),
    firstNode: pool.firstNode ?? 0,
  });
  return {
    name: "serve",
    streams: "serve",
    model: { name: "m", bytes: 8e9 },
    storage: plainStore(),
    loader: { streams: 1, requestBytes: 16 * 2 ** 20, pageCache: false },
    pool: p,
    hostLinkBytesPerSecond: 1e15,
    replicas: { min: p.slots.length, max: p.slots.length, initial: p.slots.length },
    warmStart: false,
    startupUs: 0,
    concurrency: 1,
    autoscaling: { targetConcurrency: 1, scaleDownDelayUs: 60e6 },
    arrivals: { kind: "poisson", rate: 0 },
    service: { prefillUs: 0, perTokenUs: 1000, outputTokens: 100, outputDistribution: "fixed" },
    durationUs: 60e6,
    ...w,
  };
}
