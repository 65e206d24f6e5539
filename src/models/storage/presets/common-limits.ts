/**
 * Citations shared by several storage presets for limits that are the same kind of thing everywhere: a limit a
 * product does not have (Infinity, with the reason), and a block volume's replication as the node sees it.
 */
import type { Source } from "../../source.ts";

/** Network block volumes: each volume is its own ceiling; nothing backend-wide binds several volumes together. */
export const PER_VOLUME_PRODUCT: Source = {
  what: "aggregate ceilings Infinity: a per-volume product, each volume provisioned and limited on its own; across volumes the node's instance storage bandwidth (the node type's remote-disk cap) binds instead",
  ref: "domain-facts.md §1 (per-volume limits; instance EBS/disk bandwidth caps in the node-type table)",
  tag: "D",
  fields: ["aggregate.*.*"],
};

/** No per-stream rate beyond what latency and queue depth give. */
export const NO_STREAM_CAP: Source = {
  what: "per-stream rate Infinity: one stream is bounded by the request latency (one request in flight at a time) and the volume's ceilings, not by a separate per-stream figure, which the sources do not give",
  ref: "src/models/storage/request.ts (stream model); domain-facts.md §1",
  tag: "D",
  fields: ["latency.*.perStreamBytesPerSecond"],
};

/** A cloud storage service replicates behind its interface: the node sends one copy. */
export const SERVICE_REPLICATION: Source = {
  what: "replication factor 1: a cloud storage service replicates inside itself (an EBS volume 'is replicated within its Availability Zone'; file and object services likewise); the node writes one copy over its link",
  ref: "https://aws.amazon.com/ebs/features/",
  tag: "S",
  fields: ["replicationFactor"],
};

/** Node-local media are the node's own disks. */
export const NODE_LOCAL_MEDIA: Source = {
  what: "node-local media: no aggregate beyond the node (aggregate Infinity: each node has its own disks), one copy (replication 1), no attach, detach or provisioning, no price of their own (the node's price includes them) and no egress",
  ref: "domain-facts.md §2 (instance-store NVMe)",
  tag: "D",
  fields: [
    "aggregate.*.*",
    "replicationFactor",
    "timings.provisionSeconds",
    "timings.attachSeconds",
    "timings.detachSeconds",
    "price.perGbMonth",
    "price.perIopsMonth",
    "price.perMBpsMonth",
    "price.egressPerGb",
  ],
};

/** A shared file system has no per-client volume: its aggregate binds. */
export const SHARED_FILE_SYSTEM: Source = {
  what: "volume ceilings Infinity: one file system shared by every client, with no per-client volume; its aggregate (and a per-client stream rate where the source gives one) binds",
  ref: "domain-facts.md §3 (parallel and network file systems: aggregate throughput per file system)",
  tag: "D",
  fields: ["volume.*.*"],
};
