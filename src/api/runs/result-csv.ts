/**
 * A result as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted
 * with inner quotes doubled). One header row, then rows of each alternative in turn (`alternative` names it;
 * alternatives are never added together):
 * - `alternative`: its headline: GPUs, wall hours, utilisation, GPU-hours by cause, bytes, cost to finish;
 * - `job`: one per training job: GPUs, fidelity, completion hours, AU, utilisation, GPU-hours by cause, bytes
 *   read and written, its GPU and egress cost;
 * - `serving`: one per serving workload: GPUs, duration, utilisation, GPU-hours by cause, bytes loaded, GPU cost;
 * - `storage`: one per storage binding: preset, capacity, volumes, provisioned IOPS and bytes/s, monthly price,
 *   and (`cost_usd`) what it cost over the run;
 * - `cost`: one per cost line (`gpu`, `storage`, `egress`, `total`, `gpu:<cause>`, `per_month`, `per_year`,
 *   `idle_per_year`: the run rate lines are "if it ran like this"), the amount in `cost_usd`.
 * Cells a row does not use are empty; numbers are written in full precision. A text cell that a spreadsheet
 * would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`.
 */
import { CAUSES, type Cause } from "../../models/gpu-time.ts";
import type { AlternativeResult, HoursByCause, ScenarioResult } from "../../scenarios/result/index.ts";

/** `dataWait` → `data_wait`. */
const snake = (c: string): string => c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/** The header row's columns, in order. */
export const CSV_COLUMNS = [
  "kind",
  "alternative",
  "name",
  "gpus",
  "fidelity",
  "completion_hours",
  "au",
  "utilisation",
  ...CAUSES.map((c) => `gpu_hours_${snake(c)}`),
  "bytes_read",
  "bytes_written",
  "cost_usd",
  "preset",
  "capacity_bytes",
  "volumes",
  "iops",
  "bytes_per_second",
  "monthly_usd",
] as const;

type Column = (typeof CSV_COLUMNS)[number];
type Cell = string | number | null | undefined;
type Row = Partial<Record<Column | string, Cell>>;

/** One CSV field: numbers as JavaScript prints them, text neutralised and quoted when needed. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const byCause = (h: HoursByCause): Row => Object.fromEntries(CAUSES.map((c: Cause) => [`gpu_hours_${snake(c)}`, h[c]]));

function alternativeRows(a: AlternativeResult): Row[] {
  const rows: Row[] = [];
  const alt = { alternative: a.name };
  rows.push({
    kind: "alternative",
    ...alt,
    name: a.name,
    gpus: a.gpus,
    completion_hours: a.wallHours,
    utilisation: a.utilisation,
    ...byCause(a.gpuHours.byCause),
    bytes_read: a.jobs.reduce((s, j) => s + j.bytesRead, 0) + a.inference.reduce((s, w) => s + w.bytesLoaded, 0),
    bytes_written: a.jobs.reduce((s, j) => s + j.bytesWritten, 0),
    cost_usd: a.cost.totalUsd,
  });
  for (const j of a.jobs) {
    rows.push({
      kind: "job",
      ...alt,
      name: j.name,
      gpus: j.gpus,
      fidelity: j.fidelity,
      completion_hours: j.completionHours,
      au: j.au,
      utilisation: j.utilisation,
      ...byCause(j.gpuHoursByCause),
      bytes_read: j.bytesRead,
      bytes_written: j.bytesWritten,
      cost_usd: j.costUsd,
    });
  }
  for (const w of a.inference) {
    rows.push({
      kind: "serving",
      ...alt,
      name: w.name,
      gpus: w.gpus,
      completion_hours: w.durationHours,
      utilisation: w.utilisation,
      ...byCause(w.gpuHours.byCause),
      bytes_read: w.bytesLoaded,
      cost_usd: w.cost.gpuUsd + w.cost.egressUsd,
    });
  }
  for (const st of a.storage) {
    rows.push({
      kind: "storage",
      ...alt,
      name: st.name,
      cost_usd: st.usd,
      preset: st.preset,
      capacity_bytes: st.capacityBytes,
      volumes: st.volumes,
      iops: st.iops,
      bytes_per_second: st.bytesPerSecond,
      monthly_usd: st.monthlyUsd,
    });
  }
  const c = a.cost;
  const costs: [string, number][] = [
    ["gpu", c.gpuUsd],
    ["storage", c.storageUsd],
    ["egress", c.egressUsd],
    ["total", c.totalUsd],
    ...CAUSES.map((cause): [string, number] => [`gpu:${cause}`, c.gpuUsdByCause[cause]]),
    ["per_month", c.runRate.perMonthUsd],
    ["per_year", c.runRate.perYearUsd],
    ["idle_per_year", c.runRate.idlePerYearUsd],
  ];
  for (const [name, usd] of costs) rows.push({ kind: "cost", ...alt, name, cost_usd: usd });
  return rows;
}

/** The CSV text of `r` (ends with CRLF). */
export function resultCsv(r: ScenarioResult): string {
  const rows = r.alternatives.flatMap(alternativeRows);
  const lines = [CSV_COLUMNS.join(","), ...rows.map((row) => CSV_COLUMNS.map((k) => csvField(row[k])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
