/**
 * S3-class object storage read through a node-local NVMe cache (CoreWeave CAIOS + LOTA, or S3 with a
 * caching client). The object store itself has no volume and scales out; what limits a reader is the
 * per-connection rate (~90 MB/s, so loaders open many connections) and the request rate per key
 * prefix. The cache (hit ratio, capacity) is modelled outside this profile, over local NVMe.
 */
import { SERVICE_REPLICATION } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { MB } from "./units.ts";

const S3_PERFORMANCE = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html";
const LOTA = "https://docs.coreweave.com/products/storage/object-storage/improving-performance/about-lota";
/** First-byte latency of a GET or PUT, µs. */
const FIRST_BYTE_US = 20_000;
/** Per-connection throughput (AWS rule of thumb 85–90 MB/s). */
const PER_CONNECTION = 90 * MB;

/** S3-class object store: 90 MB/s per connection, 5,500 GET/s and 3,500 PUT/s per prefix; regional. */
export const OBJECT_STORE_CACHE: StorageProfile = {
  name: "object-store-cache",
  title: "Object storage with node-local cache (S3-class)",
  category: "object-cache",
  description:
    "S3-compatible object storage, with a node-local NVMe cache in front for GETs (CoreWeave LOTA: 1 TiB per node by " +
    "default, distributed). Throughput comes from parallel connections and byte-range GETs at ~90 MB/s each; request " +
    "rates are per key prefix (5,500 GET/s, 3,500 PUT/s) and scale with hashed prefixes, after 30–60 min of " +
    "auto-partitioning (503 SlowDown until then). Keep requests ≥15 MB. CAIOS claims 2 GB/s per GPU. No attach step.",
  latency: {
    read: { baseLatencyUs: FIRST_BYTE_US, perStreamBytesPerSecond: PER_CONNECTION },
    write: { baseLatencyUs: FIRST_BYTE_US, perStreamBytesPerSecond: PER_CONNECTION },
  },
  volume: {
    read: { bytesPerSecond: Infinity, iops: Infinity },
    write: { bytesPerSecond: Infinity, iops: Infinity },
  },
  aggregate: {
    read: { bytesPerSecond: Infinity, iops: 5_500 },
    write: { bytesPerSecond: Infinity, iops: 3_500 },
  },
  scaling: { kind: "fixed" },
  accessModes: ["RWX", "ROX"],
  topology: "regional",
  replicationFactor: 1,
  survivesNodeLoss: true,
  timings: { provisionSeconds: 0, attachSeconds: 0, detachSeconds: 0, mountSeconds: 1 },
  price: { perGbMonth: 0.023, perIopsMonth: 0, perMBpsMonth: 0, egressPerGb: 0, asOf: "2026" },
  nodeCacheBytes: 2 ** 40, // LOTA default: 1 TiB per node (see sources)
  sources: [
    SERVICE_REPLICATION,
    {
      what: "bandwidth ceilings Infinity (volume and aggregate): a bucket has no per-volume or total bandwidth limit; throughput scales with connections (each ~90 MB/s) and prefixes (request rates), which are modelled",
      ref: S3_PERFORMANCE,
      tag: "S",
      fields: ["volume.*.*", "aggregate.*.bytesPerSecond"],
    },
    {
      what: "≥3,500 PUT/COPY/POST/DELETE and 5,500 GET/HEAD per second per partitioned prefix (aggregate IOPS = one prefix; scales linearly with prefixes)",
      ref: S3_PERFORMANCE,
      tag: "S",
      fields: ["aggregate.*.iops"],
    },
    {
      what: "~85–90 MB/s per connection: perStream 90 MB/s",
      ref: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance-guidelines.html",
      tag: "M",
      fields: ["latency.*.perStreamBytesPerSecond"],
    },
    {
      what: "first-byte latency 20 ms read and write: 'tens of ms' for S3-class GET/PUT; not in the facts",
      ref: "domain-facts.md §3.8 (no figure given)",
      tag: "M",
      fields: ["latency.*.baseLatencyUs"],
    },
    {
      what: "context: CAIOS claims 2 GB/s per GPU (benchmark on 20 GPU nodes); not a ceiling used here",
      ref: "https://onlylabs.fyi/signals/745e3eb1-912b-483b-92b3-2676891a3b62",
      tag: "S",
    },
    {
      what: "context: LOTA node proxy caches GETs on local NVMe, 1 TiB per node by default; keep reads ≥15 MB per request",
      ref: LOTA,
      tag: "S",
      fields: ["nodeCacheBytes"],
    },
    {
      what: "price ≈0.023 USD/GB-month (S3 Standard, first 50 TB); GET ≈0.0004 and PUT ≈0.005 USD per 1k not representable; egress 0 inside the region",
      ref: "https://aws.amazon.com/s3/pricing/",
      tag: "M",
      fields: ["price.*"],
    },
    {
      what: "access RWX/ROX via a CSI mount (e.g. Mountpoint for S3); timings 0 except a 1 s FUSE mount: assumed",
      ref: "domain-facts.md §4 (knob: object storage has no attach step)",
      tag: "M",
      fields: ["timings.*"],
    },
  ],
};
