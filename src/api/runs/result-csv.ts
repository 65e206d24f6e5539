/**
 * A result as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted
 * with inner quotes doubled). One header row, then one row per `kind`:
 * - `job`: one per job: GPUs, fidelity, completion hours, AU, utilisation, GPU-hours by cause, bytes read and
 *   written, its GPU and egress cost;
 * - `storage`: one per storage binding: preset, capacity, volumes, provisioned IOPS and bytes/s, monthly price,
 *   and (`cost_usd`) what it cost over the run;
 * - `scenario`: the whole run: total GPUs, wall hours, utilisation, GPU-hours by cause, bytes, total cost;
 * - `cost`: one per cost line (`gpu`, `storage`, `egress`, `total`, `idle:<cause>`, `per_month`, `per_year`,
 *   `idle_per_year`), the amount in `cost_usd`.
 * Cells a row does not use are empty; numbers are written in full precision. A text cell that a spreadsheet
 * would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`.
 */
import type { HoursByCause, ScenarioResult } from "../../scenarios/result.ts";

/** The header row's columns, in order. */
export const CSV_COLUMNS = [
  "kind",
  "name",
  "gpus",
  "fidelity",
  "completion_hours",
  "au",
  "utilisation",
  "gpu_hours_compute",
  "gpu_hours_data_wait",
  "gpu_hours_checkpoint_wait",
  "gpu_hours_recovery",
  "gpu_hours_lost_work",
  "gpu_hours_idle",
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
type Row = Partial<Record<Column, Cell>>;

/** One CSV field: numbers as JavaScript prints them, text neutralised and quoted when needed. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const byCause = (h: HoursByCause): Row => ({
  gpu_hours_compute: h.compute,
  gpu_hours_data_wait: h.dataWait,
  gpu_hours_checkpoint_wait: h.checkpointWait,
  gpu_hours_recovery: h.recovery,
  gpu_hours_lost_work: h.lostWork,
  gpu_hours_idle: h.idle,
});

/** The CSV text of `r` (ends with CRLF). */
export function resultCsv(r: ScenarioResult): string {
  const rows: Row[] = [];
  for (const j of r.jobs) {
    rows.push({
      kind: "job",
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
  for (const s of r.storage) {
    rows.push({
      kind: "storage",
      name: s.name,
      cost_usd: r.cost.storageUsdByBinding[s.name],
      preset: s.preset,
      capacity_bytes: s.capacityBytes,
      volumes: s.volumes,
      iops: s.iops,
      bytes_per_second: s.bytesPerSecond,
      monthly_usd: s.monthlyUsd,
    });
  }
  rows.push({
    kind: "scenario",
    name: r.scenario,
    gpus: r.jobs.reduce((a, j) => a + j.gpus, 0),
    completion_hours: r.wallHours,
    utilisation: r.utilisation,
    ...byCause(r.gpuHours.byCause),
    bytes_read: r.jobs.reduce((a, j) => a + j.bytesRead, 0),
    bytes_written: r.jobs.reduce((a, j) => a + j.bytesWritten, 0),
    cost_usd: r.cost.totalUsd,
  });
  const c = r.cost;
  const costs: [string, number][] = [
    ["gpu", c.gpuUsd],
    ["storage", c.storageUsd],
    ["egress", c.egressUsd],
    ["total", c.totalUsd],
    ...Object.entries(c.idleUsdByCause).map(([cause, usd]): [string, number] => [`idle:${cause}`, usd]),
    ["per_month", c.perMonthUsd],
    ["per_year", c.perYearUsd],
    ["idle_per_year", c.idlePerYearUsd],
  ];
  for (const [name, usd] of costs) rows.push({ kind: "cost", name, cost_usd: usd });
  const lines = [CSV_COLUMNS.join(","), ...rows.map((row) => CSV_COLUMNS.map((k) => csvField(row[k])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
