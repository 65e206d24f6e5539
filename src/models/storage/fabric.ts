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
 * Volumes: a per-node profile has one volume per node by default (a job's RWO volume, the node's local
 * media). A caller may name the volume instead (`paths(…, volume)`): on a shared cluster every job's pod has
 * its own RWO volume on each of its nodes, so two jobs on one node do not share a volume's ceilings, while
 * node-local media (one per node) are shared by the jobs on that node. Shared profiles have one volume.
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

/**
 * What the training and serving actors ask of a fabric: the paths of one of their nodes to a profile. The
 * `StorageFabric` answers for fabric node indices; a placed view (src/models/cluster/placed-fabric.ts) maps a
 * job's own node indices to cluster nodes and names its volumes.
 */
export interface FabricPaths {
  /**
   * Paths of `node` to `profile`; IOPS ceilings become bandwidth at the request sizes (bytes).
   * @throws RangeError on non-positive request sizes or an unknown node.
   */
  paths(profile: StorageProfile, node: number, readRequestBytes: number, writeRequestBytes: number): NodePaths;
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
  /**
   * Node `i` stands for `multiplicity[i]` identical nodes (default 1): its own constraints (its volume of a
   * per-node profile, its NIC, its remote-disk cap) carry that many times their capacity, while shared ones
   * (aggregate, a shared volume) do not. A flow for the class, with its weight and cap multiplied too, then
   * gets exactly the sum of what the identical nodes' flows would under weighted max-min: each class member
   * crosses only its own node's constraints, so the class's fair share scales with its size. This lets an
   * estimate of 100,000 identical nodes cost one node's arithmetic.
   */
  readonly multiplicity?: readonly number[];
}

const SHARED = new Set(["file-share", "parallel-fs", "object-cache"]);

/** True when all nodes share one volume of `profile` (file systems, object stores); false: one per node. */
export function isSharedVolume(profile: StorageProfile): boolean {
  return SHARED.has(profile.category);
}

/** The constraints of one profile, by scope. */
interface ProfileScopes {
  /** Backend aggregate constraints a read / a write crosses. */
  readonly aggRead: readonly Constraint[];
  readonly aggWrite: readonly Constraint[];
  /** The one shared volume's constraints (shared profiles), else undefined. */
  readonly shared: NodePaths | undefined;
  /** NIC and remote-disk constraints of each node for this profile. */
  readonly node: readonly NodePaths[];
  /** Default paths per node (its own volume, or the shared one). */
  readonly paths: readonly NodePaths[];
  /** Paths through named volumes, by `volume#node`. */
  readonly named: Map<string, NodePaths>;
  readonly readReq: number;
  readonly writeReq: number;
}

/** Lazily builds and caches constraints per profile and node. */
export class StorageFabric implements FabricPaths {
  private readonly nicIn: (Constraint | undefined)[] = [];
  private readonly nicOut: (Constraint | undefined)[] = [];
  private readonly remoteDisk: (Constraint | undefined)[] = [];
  private readonly byProfile = new Map<string, ProfileScopes>();

  constructor(
    readonly net: FluidNetwork,
    readonly options: FabricOptions,
  ) {}

  /**
   * Paths of `node` to `profile`. Request sizes set how IOPS ceilings translate to bandwidth; they are fixed
   * by the first call for a profile. `volume` names the volume of a per-node profile the I/O goes to (one
   * volume per name and node: e.g. a job's own RWO volume); default: the node's own volume. Shared profiles
   * ignore it.
   * @throws RangeError on non-positive request sizes or a node outside the fabric.
   */
  paths(
    profile: StorageProfile,
    node: number,
    readRequestBytes: number,
    writeRequestBytes: number,
    volume?: string,
  ): NodePaths {
    if (!(readRequestBytes > 0 && writeRequestBytes > 0)) {
      throw new RangeError(
        `invalid request sizes for ${profile.name}: read ${readRequestBytes}, write ${writeRequestBytes} bytes`,
      );
    }
    let scopes = this.byProfile.get(profile.name);
    if (scopes === undefined) {
      scopes = this.build(profile, readRequestBytes, writeRequestBytes);
      this.byProfile.set(profile.name, scopes);
    }
    const p = scopes.paths[node];
    if (p === undefined) throw new RangeError(`invalid node index: ${node}`);
    if (volume === undefined || scopes.shared !== undefined) return p;
    const key = `${volume}#${node}`;
    let named = scopes.named.get(key);
    if (named === undefined) {
      const v = this.volume(profile, ` ${volume} on node ${node}`, scopes.readReq, scopes.writeReq);
      const n = scopes.node[node]!;
      named = {
        read: [...scopes.aggRead, ...v.read, ...n.read],
        write: [...scopes.aggWrite, ...v.write, ...n.write],
      };
      scopes.named.set(key, named);
    }
    return named;
  }

  private add(name: string, bytesPerSecond: number, into: Constraint[][]): void {
    if (!(bytesPerSecond < Infinity)) return;
    const c = this.net.addConstraint(name, bytesPerSecond);
    for (const list of into) list.push(c);
  }

  /** One volume's read, write and combined ceilings (those that are finite), × `m` identical volumes. */
  private volume(profile: StorageProfile, label: string, readReq: number, writeReq: number, m = 1): NodePaths {
    const read: Constraint[] = [];
    const write: Constraint[] = [];
    const n = profile.name;
    this.add(`${n} volume${label} read`, m * effectiveBandwidth(profile.volume.read, readReq), [read]);
    this.add(`${n} volume${label} write`, m * effectiveBandwidth(profile.volume.write, writeReq), [write]);
    const combined = Math.max(profile.volume.read.bytesPerSecond, profile.volume.write.bytesPerSecond);
    this.add(`${n} volume${label} combined`, m * combined, [read, write]);
    return { read, write };
  }

  /** How many identical nodes node `i` stands for. */
  private multiplicity(i: number): number {
    return this.options.multiplicity?.[i] ?? 1;
  }

  private build(profile: StorageProfile, readReq: number, writeReq: number): ProfileScopes {
    const { nodes } = this.options;
    const rf = Math.max(1, profile.replicationFactor);
    const aggRead: Constraint[] = [];
    const aggWrite: Constraint[] = [];
    const bw = (l: IoLimits, req: number): number => effectiveBandwidth(l, req);
    const n = profile.name;

    // Backend aggregate.
    this.add(`${n} aggregate read`, bw(profile.aggregate.read, readReq), [aggRead]);
    this.add(`${n} aggregate write`, bw(profile.aggregate.write, writeReq) / rf, [aggWrite]);
    if (rf === 1) {
      const combined = Math.max(profile.aggregate.read.bytesPerSecond, profile.aggregate.write.bytesPerSecond);
      this.add(`${n} aggregate combined`, combined, [aggRead, aggWrite]);
    }
    // Volume(s).
    const shared = isSharedVolume(profile) ? this.volume(profile, "", readReq, writeReq) : undefined;
    const volumes = Array.from(
      { length: nodes },
      (_, i) => shared ?? this.volume(profile, ` ${i}`, readReq, writeReq, this.multiplicity(i)),
    );
    // Node NIC and remote-disk cap, shared by every profile the node uses.
    const node = Array.from({ length: nodes }, (_, i): NodePaths => {
      const read: Constraint[] = [];
      const write: Constraint[] = [];
      if (profile.topology === "node-local") return { read, write };
      const limits = this.options.perNode?.[i] ?? this.options;
      const m = this.multiplicity(i);
      const nic = m * limits.nicBytesPerSecond;
      const disk = m * limits.remoteDiskBytesPerSecond;
      if (nic < Infinity) {
        read.push(this.nodeConstraint(this.nicIn, i, `node ${i} nic ingress`, nic));
        write.push(this.nodeConstraint(this.nicOut, i, `node ${i} nic egress`, nic));
      }
      if (profile.category === "network-block" && disk < Infinity) {
        const c = this.nodeConstraint(this.remoteDisk, i, `node ${i} remote disk`, disk);
        read.push(c);
        write.push(c);
      }
      return { read, write };
    });
    const paths = volumes.map((v, i) => ({
      read: [...aggRead, ...v.read, ...node[i]!.read],
      write: [...aggWrite, ...v.write, ...node[i]!.write],
    }));
    return { aggRead, aggWrite, shared, node, paths, named: new Map(), readReq, writeReq };
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
