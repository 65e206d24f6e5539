/**
 * The storage fabric of a job: the fluid-network constraints that reads and writes of each node cross.
 *
 * For a profile and a node, a read crosses (when finite):
 * - the backend aggregate: read ceiling and a combined read+write ceiling (shared by every node);
 * - the volume: read and combined ceilings of the node's own volume (RWO block, node-local media), or of
 *   the one shared volume (RWX/ROX file systems and object stores);
 * - the node's storage NIC, ingress direction (not for node-local media; NICs are full duplex);
 * - the node's remote-disk cap (network block volumes only; e.g. 612 MB/s on ND96isr H100 v5).
 * Writes cross the same scopes with write ceilings and the NIC's egress direction. IOPS ceilings become
 * bandwidth at the direction's request size (min(bytes/s, IOPS × request bytes)); replicated backends
 * divide aggregate write bandwidth by the replication factor (each byte is written that many times).
 *
 * Limitations (documented in docs/model.md): a device's read and write interference is the combined
 * ceiling only; one request size per direction per profile.
 */
import type { Constraint, FluidNetwork } from "../../sim/fluid-network.ts";
import type { IoLimits, StorageProfile } from "./profile.ts";
import { effectiveBandwidth } from "./request.ts";

/** The constraints one node's reads and writes cross for one profile. */
export interface NodePaths {
  readonly read: readonly Constraint[];
  readonly write: readonly Constraint[];
}

/** Node-level limits of the fabric. */
export interface FabricOptions {
  readonly nodes: number;
  /** Storage NIC bandwidth per direction, bytes/s. */
  readonly nicBytesPerSecond: number;
  /** Remote-disk cap per node, bytes/s (Infinity: none). */
  readonly remoteDiskBytesPerSecond: number;
  /**
   * Per-node NIC and remote-disk values replacing the two above for node `i` (nodes of different types on
   * one fabric, e.g. inference pools beside training nodes). Missing entries use the uniform values.
   */
  readonly perNode?: readonly { readonly nicBytesPerSecond: number; readonly remoteDiskBytesPerSecond: number }[];
}

const SHARED = new Set(["file-share", "parallel-fs", "object-cache"]);

/** True when all nodes share one volume of `profile` (file systems, object stores); false: one per node. */
export function isSharedVolume(profile: StorageProfile): boolean {
  return SHARED.has(profile.category);
}

/** Lazily builds and caches constraints per profile and node. */
export class StorageFabric {
  private readonly nicIn: (Constraint | undefined)[] = [];
  private readonly nicOut: (Constraint | undefined)[] = [];
  private readonly remoteDisk: (Constraint | undefined)[] = [];
  private readonly byProfile = new Map<string, NodePaths[]>();

  constructor(
    readonly net: FluidNetwork,
    readonly options: FabricOptions,
  ) {}

  /**
   * Paths of `node` to `profile`. Request sizes set how IOPS ceilings translate to bandwidth; they are fixed
   * by the first call for a profile.
   */
  paths(profile: StorageProfile, node: number, readRequestBytes: number, writeRequestBytes: number): NodePaths {
    if (!(readRequestBytes > 0 && writeRequestBytes > 0)) {
      throw new RangeError(
        `invalid request sizes for ${profile.name}: read ${readRequestBytes}, write ${writeRequestBytes} bytes`,
      );
    }
    let perNode = this.byProfile.get(profile.name);
    if (perNode === undefined) {
      perNode = this.build(profile, readRequestBytes, writeRequestBytes);
      this.byProfile.set(profile.name, perNode);
    }
    const p = perNode[node];
    if (p === undefined) throw new RangeError(`invalid node index: ${node}`);
    return p;
  }

  private add(name: string, bytesPerSecond: number, into: Constraint[][]): void {
    if (!(bytesPerSecond < Infinity)) return;
    const c = this.net.addConstraint(name, bytesPerSecond);
    for (const list of into) list.push(c);
  }

  private build(profile: StorageProfile, readReq: number, writeReq: number): NodePaths[] {
    const { nodes } = this.options;
    const rf = Math.max(1, profile.replicationFactor);
    const reads: Constraint[][] = Array.from({ length: nodes }, () => []);
    const writes: Constraint[][] = Array.from({ length: nodes }, () => []);
    const both = (i: number): Constraint[][] => [reads[i]!, writes[i]!];
    const everyRead = reads;
    const everyWrite = writes;
    const all = [...reads, ...writes];
    const bw = (l: IoLimits, req: number): number => effectiveBandwidth(l, req);
    const n = profile.name;

    // Backend aggregate.
    this.add(`${n} aggregate read`, bw(profile.aggregate.read, readReq), everyRead);
    this.add(`${n} aggregate write`, bw(profile.aggregate.write, writeReq) / rf, everyWrite);
    if (rf === 1) {
      const combined = Math.max(profile.aggregate.read.bytesPerSecond, profile.aggregate.write.bytesPerSecond);
      this.add(`${n} aggregate combined`, combined, all);
    }
    // Volume(s).
    const volRead = bw(profile.volume.read, readReq);
    const volWrite = bw(profile.volume.write, writeReq);
    const volCombined = Math.max(profile.volume.read.bytesPerSecond, profile.volume.write.bytesPerSecond);
    if (isSharedVolume(profile)) {
      this.add(`${n} volume read`, volRead, everyRead);
      this.add(`${n} volume write`, volWrite, everyWrite);
      this.add(`${n} volume combined`, volCombined, all);
    } else {
      for (let i = 0; i < nodes; i++) {
        this.add(`${n} volume ${i} read`, volRead, [reads[i]!]);
        this.add(`${n} volume ${i} write`, volWrite, [writes[i]!]);
        this.add(`${n} volume ${i} combined`, volCombined, both(i));
      }
    }
    // Node NIC and remote-disk cap, shared by every profile the node uses.
    if (profile.topology !== "node-local") {
      for (let i = 0; i < nodes; i++) {
        const { nicBytesPerSecond: nic, remoteDiskBytesPerSecond: disk } = this.options.perNode?.[i] ?? this.options;
        if (nic < Infinity) {
          reads[i]!.push(this.nodeConstraint(this.nicIn, i, `node ${i} nic ingress`, nic));
          writes[i]!.push(this.nodeConstraint(this.nicOut, i, `node ${i} nic egress`, nic));
        }
        if (profile.category === "network-block" && disk < Infinity) {
          const c = this.nodeConstraint(this.remoteDisk, i, `node ${i} remote disk`, disk);
          reads[i]!.push(c);
          writes[i]!.push(c);
        }
      }
    }
    return reads.map((r, i) => ({ read: r, write: writes[i]! }));
  }

  private nodeConstraint(cache: (Constraint | undefined)[], i: number, name: string, bps: number): Constraint {
    let c = cache[i];
    if (c === undefined) {
      c = this.net.addConstraint(name, bps);
      cache[i] = c;
    }
    return c;
  }
}
