/**
 * The run estimate's read rate treats a job's nodes as two classes (full nodes and a partial last node), one
 * fabric node each standing for its members (FabricOptions.multiplicity): it must give exactly what one flow per
 * node gives, for every kind of storage (shared aggregate, per-node volumes, NIC and remote-disk caps), and cost
 * the same at 10 million GPUs as at 8 (issue 14: the estimate ran out of memory at 10^8 GPUs).
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { storagePresetByName } from "../../../src/models/storage/presets/index.ts";
import { Engine } from "../../../src/sim/engine.ts";
import { FluidNetwork } from "../../../src/sim/fluid-network.ts";
import { StorageFabric } from "../../../src/models/storage/fabric.ts";
import { nodeClasses, nodesOf, type TrainingJob } from "../../../src/models/training/job.ts";
import { estimateCheckpointCostUs } from "../../../src/models/training/policy.ts";
import { estimateRun, readRate } from "../../../src/models/training/run-estimate.ts";
import { syntheticStorage, unet3dJob } from "../../helpers/training.ts";

const storages = [
  syntheticStorage({ readBytesPerSecond: 20e9 }),
  storagePresetByName("ebs-gp3"),
  storagePresetByName("fsx-lustre"),
  storagePresetByName("local-nvme"),
];

describe("readRate", () => {
  propTest.prop(
    [
      fc.integer({ min: 1, max: 70 }),
      fc.constantFrom(4, 8),
      fc.integer({ min: 0, max: storages.length - 1 }),
      fc.constantFrom(1, 4, 16),
      fc.constantFrom(Infinity, 3.2e9, 1.25e9),
      fc.constantFrom(Infinity, 600e6),
      fc.constantFrom(Infinity, 400e6, 50e6),
    ],
    { seed: 14, numRuns: 200 },
  )("two node classes give what one flow per node gives", (gpus, perNode, s, workers, nic, disk, perStream) => {
    const job = unet3dJob(storages[s]!, {
      gpus,
      gpusPerNode: perNode,
      nicBytesPerSecond: nic,
      remoteDiskBytesPerSecond: disk,
    });
    const j = { ...job, data: { ...job.data, workers } };
    const nodes = nodesOf(j);
    const exact = readRate(j, nodes, perStream, true);
    const reduced = readRate(j, nodes, perStream);
    if (exact === Infinity) expect(reduced).toBe(Infinity);
    else expect(Math.abs(reduced - exact)).toBeLessThanOrEqual(1e-9 * exact);
  });

  test("an estimate of 100 million GPUs completes (one flow per node ran out of heap)", () => {
    const job = unet3dJob(storagePresetByName("fsx-lustre"), { gpus: 100_000_000 + 3 });
    const e = estimateRun(job);
    expect(e.nodes).toBe(12_500_001);
    expect(Number.isFinite(e.wallUs)).toBe(true);
  });
});

describe("estimateCheckpointCostUs with node classes", () => {
  const fabricOf = (job: TrainingJob, nodes: number, multiplicity?: number[]) =>
    new StorageFabric(new FluidNetwork(new Engine(), "t"), {
      nodes,
      nicBytesPerSecond: job.nicBytesPerSecond,
      remoteDiskBytesPerSecond: job.remoteDiskBytesPerSecond,
      ...(multiplicity === undefined ? {} : { multiplicity }),
    });

  propTest.prop(
    [
      fc.integer({ min: 1, max: 70 }),
      fc.integer({ min: 0, max: storages.length - 1 }),
      fc.constantFrom(Infinity, 3.2e9),
      fc.constantFrom(Infinity, 600e6),
      fc.constantFrom(Infinity, 200e6),
    ],
    { seed: 15, numRuns: 150 },
  )("a sharded sync write takes what one flow per node gives", (gpus, s, nic, disk, rateLimit) => {
    const storage = storages[s]!;
    const job = unet3dJob(storages[0]!, {
      gpus,
      nicBytesPerSecond: nic,
      remoteDiskBytesPerSecond: disk,
      checkpoint: {
        bytes: 1e12,
        interval: { kind: "fixed", us: 3.6e9 },
        mode: "sync",
        sharded: true,
        retention: 2,
        weight: 1,
        rateLimitBytesPerSecond: rateLimit,
        writeRequestBytes: 4 * 2 ** 20,
        storage,
      },
    });
    const exact = estimateCheckpointCostUs(job, fabricOf(job, nodesOf(job)));
    const classes = nodeClasses(job);
    const reduced = estimateCheckpointCostUs(
      job,
      fabricOf(
        job,
        classes.length,
        classes.map((c) => c.m),
      ),
      classes,
    );
    expect(Math.abs(reduced - exact)).toBeLessThanOrEqual(1 + 1e-9 * exact);
  });
});
