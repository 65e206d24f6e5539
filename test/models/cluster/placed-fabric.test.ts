/**
 * A job's view of the cluster fabric (src/models/cluster/placed-fabric.ts): its nodes map to cluster nodes;
 * jobs on one node share that node's NIC and local media but each has its own RWO volumes; a shared file
 * system is one volume for all.
 */
import { describe, expect, test } from "vitest";
import { PlacedFabric } from "../../../src/models/cluster/placed-fabric.ts";
import { StorageFabric } from "../../../src/models/storage/fabric.ts";
import { storagePresetByName } from "../../../src/models/storage/presets/index.ts";
import { FluidNetwork } from "../../../src/sim/fluid-network.ts";
import { makeEngine } from "../../helpers/engine.ts";

const MiB = 2 ** 20;

function setup() {
  const net = new FluidNetwork(makeEngine());
  const fabric = new StorageFabric(net, { nodes: 3, nicBytesPerSecond: 40e9, remoteDiskBytesPerSecond: 10e9 });
  return { net, fabric, a: new PlacedFabric(fabric, [2, 0], "a"), b: new PlacedFabric(fabric, [2], "b") };
}
const names = (path: readonly { name: string }[]) => path.map((c) => c.name);

describe("placed fabric", () => {
  test("a job's node i is its cluster node; two jobs on node 2 each read their own gp3 volume through one NIC", () => {
    const { a, b } = setup();
    const gp3 = storagePresetByName("ebs-gp3");
    const pa = a.paths(gp3, 0, MiB, MiB).read;
    const pb = b.paths(gp3, 0, MiB, MiB).read;
    expect(names(pa)).toEqual([
      "ebs-gp3 volume a on node 2 read",
      "ebs-gp3 volume a on node 2 combined",
      "node 2 nic ingress",
      "node 2 remote disk",
    ]);
    expect(pa.filter((c) => pb.includes(c)).map((c) => c.name)).toEqual(["node 2 nic ingress", "node 2 remote disk"]);
    expect(names(a.paths(gp3, 1, MiB, MiB).read)).toContain("node 0 nic ingress");
  });

  test("local NVMe is the node's own, shared by the jobs on it; a parallel file system is one for all", () => {
    const { a, b } = setup();
    const nvme = storagePresetByName("local-nvme");
    expect(a.paths(nvme, 0, MiB, MiB).read).toEqual(b.paths(nvme, 0, MiB, MiB).read);
    const lustre = storagePresetByName("fsx-lustre");
    const shared = a.paths(lustre, 1, MiB, MiB).read.filter((c) => !c.name.startsWith("node"));
    expect(shared).toEqual(b.paths(lustre, 0, MiB, MiB).read.filter((c) => !c.name.startsWith("node")));
  });

  test("a node outside the job is an error", () => {
    expect(() => setup().b.paths(storagePresetByName("ebs-gp3"), 1, MiB, MiB)).toThrow(
      "invalid node index of job b: 1",
    );
  });
});
