/**
 * fio 3.x JSON parser. Turns the text of `fio --output-format=json` (or `json+`) into `FioRun`s: one per
 * job entry, which under `group_reporting` is one per section. Job options override the document's
 * `global options`; fio's defaults fill the rest (`rw=read`, `bs=4k`, `iodepth=1`, `numjobs=1`,
 * `ioengine=psync`, buffered I/O). Pure: no file system (see `load-fio.ts`).
 */
import { CalibrationError } from "./errors.ts";
import type { FioDirection, FioLatency, FioRun, FioRw } from "./fio-types.ts";
import { parseJsonDocuments } from "./json-documents.ts";

const RW_MODES: Readonly<Record<string, FioRw>> = {
  read: "read",
  write: "write",
  randread: "randread",
  randwrite: "randwrite",
  rw: "rw",
  readwrite: "rw",
  randrw: "randrw",
};

const SIZE_UNITS: Readonly<Record<string, number>> = {
  "": 1,
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
  p: 2 ** 50,
};

/**
 * Parses fio JSON output. `text` may hold several concatenated documents and non-JSON lines before them;
 * every job of every document becomes one `FioRun`, in order. Directions that moved no data are omitted.
 *
 * @param source file name or label, used in `FioRun.source` and in error messages.
 * @throws {CalibrationError} `CAL_ERR_FIO` with a message starting `SOURCE: `: no JSON, truncated or invalid
 *   JSON (with the line), a document without a `jobs` array, a job that fio marked as failed, an unknown
 *   `rw` mode or size string, a non-numeric result field, or a job with no read or write results.
 */
export function parseFioJson(text: string, source: string): FioRun[] {
  const runs: FioRun[] = [];
  for (const [d, doc] of parseJsonDocuments(text, source).entries()) {
    const where = `document ${d + 1} (line ${doc.line})`;
    if (!isRecord(doc.value) || !Array.isArray(doc.value.jobs)) fail(source, `${where} has no "jobs" array`);
    const global = stringOptions(doc.value["global options"]);
    const disks = diskNames(doc.value.disk_util);
    for (const [j, job] of doc.value.jobs.entries()) {
      if (!isRecord(job)) fail(source, `${where} job ${j} is not an object`);
      const run = parseJob(job, global, source, typeof job.jobname === "string" ? job.jobname : `#${j}`);
      const hostname = typeof job.hostname === "string" ? job.hostname : undefined;
      runs.push({ ...run, host: hostname === undefined ? { disks } : { disks, hostname } });
    }
  }
  return runs;
}

/** Sorted device names of fio's `disk_util` (absent or malformed: none). */
function diskNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names = value.flatMap((d) => (isRecord(d) && typeof d.name === "string" ? [d.name] : []));
  return [...new Set(names)].sort();
}

function parseJob(
  job: Record<string, unknown>,
  global: Record<string, string>,
  source: string,
  name: string,
): Omit<FioRun, "host"> {
  const what = `job '${name}'`;
  if (typeof job.error === "number" && job.error !== 0) fail(source, `${what} failed with error ${job.error}`);
  const opts = { ...global, ...stringOptions(job["job options"]) };
  const rwText = (opts.rw ?? opts.readwrite ?? "read").split(":")[0] ?? "";
  const rw = RW_MODES[rwText];
  if (rw === undefined) fail(source, `${what} has unsupported rw mode '${rwText}'`);
  const sizes = (opts.bs ?? opts.blocksize ?? "4k").split(",");
  const bsText = (rw === "write" || rw === "randwrite" ? (sizes[1] ?? sizes[0]) : sizes[0]) ?? "";
  const blockSize = parseFioSize(bsText);
  if (blockSize === undefined || blockSize <= 0) fail(source, `${what} has invalid block size '${bsText}'`);
  const iodepth = positiveInt(opts.iodepth ?? "1", `${what} iodepth`, source);
  const numjobs = positiveInt(opts.numjobs ?? "1", `${what} numjobs`, source);
  const direct = opts.direct !== undefined ? opts.direct === "1" : opts.buffered === "0";
  const read = parseDirection(job.read, `${what} read`, source);
  const write = parseDirection(job.write, `${what} write`, source);
  if (read === undefined && write === undefined) fail(source, `${what} has no read or write results`);
  return {
    source,
    jobName: name,
    rw,
    blockSize,
    iodepth,
    numjobs,
    direct,
    ioengine: opts.ioengine ?? "psync",
    ...(read === undefined ? {} : { read }),
    ...(write === undefined ? {} : { write }),
  };
}

function parseDirection(value: unknown, what: string, source: string): FioDirection | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) fail(source, `${what} is not an object`);
  const totalIos = num(value, "total_ios", what, source);
  const ioBytes = isNum(value.io_bytes) ? value.io_bytes : num(value, "io_kbytes", what, source) * 1024;
  if (totalIos === 0 && ioBytes === 0) return undefined;
  const bandwidth = isNum(value.bw_bytes) ? value.bw_bytes : num(value, "bw", what, source) * 1024;
  return {
    ioBytes,
    runtimeMs: num(value, "runtime", what, source),
    bandwidthBytesPerSecond: bandwidth,
    iops: num(value, "iops", what, source),
    latencyUs: parseLatency(value, what, source),
    totalIos,
  };
}

/** Completion latency from `clat_ns`, else total latency from `lat_ns`; ns → µs. */
function parseLatency(dir: Record<string, unknown>, what: string, source: string): FioLatency {
  const clat = dir.clat_ns;
  const lat = dir.lat_ns;
  const useClat = isRecord(clat) && (isNum(clat.N) ? clat.N > 0 : true);
  const stats = useClat ? clat : isRecord(lat) ? lat : undefined;
  if (stats === undefined) fail(source, `${what} has no clat_ns or lat_ns latency`);
  const label = `${what} ${useClat ? "clat_ns" : "lat_ns"}`;
  const percentiles: Record<string, number> = {};
  if (isRecord(stats.percentile)) {
    for (const [p, ns] of Object.entries(stats.percentile)) {
      if (!isNum(ns)) fail(source, `${label} percentile ${p} is not a number`);
      percentiles[percentileKey(p)] = ns / 1000;
    }
  }
  return {
    mean: num(stats, "mean", label, source) / 1000,
    stddev: num(stats, "stddev", label, source) / 1000,
    percentiles,
  };
}

/**
 * Parses a fio size string into bytes: a non-negative integer with an optional unit `k`, `m`, `g`, `t`, `p`
 * (powers of 1024, as fio's default `kb_base=1024`), optionally followed by `i` and/or `b`, case-insensitive:
 * `"128k"` → 131072, `"4M"` → 4194304, `"1MiB"` → 1048576, `"512"` → 512. Returns `undefined` otherwise.
 */
export function parseFioSize(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([kmgtp]?)(?:i?b)?\s*$/i.exec(text);
  if (m === null) return undefined;
  const unit = SIZE_UNITS[(m[2] ?? "").toLowerCase()];
  return unit === undefined ? undefined : Number(m[1]) * unit;
}

/** `"99.900000"` → `"99.9"`, `"50.000000"` → `"50"`. */
function percentileKey(p: string): string {
  const n = Number(p);
  return Number.isFinite(n) ? String(n) : p;
}

function stringOptions(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string" || typeof v === "number") out[k] = String(v);
  }
  return out;
}

function positiveInt(text: string, what: string, source: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) fail(source, `${what} is not a positive integer: '${text}'`);
  return n;
}

function num(obj: Record<string, unknown>, key: string, what: string, source: string): number {
  const v = obj[key];
  if (!isNum(v))
    fail(source, `${what}.${key} is ${v === undefined ? "missing" : `not a number: ${JSON.stringify(v)}`}`);
  return v;
}

function isNum(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fail(source: string, message: string): never {
  throw new CalibrationError("CAL_ERR_FIO", source, message);
}
