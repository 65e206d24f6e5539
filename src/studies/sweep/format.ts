/**
 * A sweep's output as a table for a terminal and as CSV: one row per point and alternative (a scenario whose
 * jobs, serving workloads or designs are alternatives gives several rows per point, never a sum) with its
 * parameter values, utilisation, each job's AU, wall hours, cost to finish and idle cost per year (and, with
 * replications, the
 * half-widths of their 95% intervals: `± …` in the table, `*_hw` columns in the CSV). Both are built from the
 * output document alone, so a merge of shards prints exactly what the unsharded sweep prints.
 *
 * CSV follows RFC 4180 (a field with a comma, quote, line break or edge space is quoted, quotes doubled),
 * with `\n` line ends; numbers at full precision, fractions as fractions, money in USD, an absent value empty.
 */
import type { PlainValue } from "../../scenarios/parse-text.ts";
import { formatValue } from "./errors.ts";
import type { SweepOutput } from "./output.ts";
import type { AlternativeSummary } from "./summary.ts";

type Cell = string | number | boolean | null;

/** One row: a point's alternative. */
interface Row {
  readonly index: number;
  readonly params: Readonly<Record<string, PlainValue>>;
  readonly summary: AlternativeSummary;
}

type Get = (p: Row) => number | null | undefined;

const rowsOf = (output: SweepOutput): Row[] =>
  output.points.flatMap((p) =>
    p.summary.alternatives.map((summary) => ({ index: p.index, params: p.params, summary })),
  );

interface Column {
  /** Table heading. */
  readonly title: string;
  /** CSV heading. */
  readonly key: string;
  readonly align: "left" | "right";
  readonly text: (p: Row) => string;
  readonly value: (p: Row) => Cell;
}

const num = (x: number, digits: number): string =>
  x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const dash = "—";
const pct = (x: number | null): string => (x === null ? dash : `${num(100 * x, 1)}%`);
const hours = (x: number | null): string => (x === null ? dash : num(x, 2));
const usd = (x: number | null): string => (x === null ? dash : `$${num(x, 0)}`);
const pm = (main: string, half: number | null | undefined, f: (x: number) => string): string =>
  half === undefined ? main : `${main} ±${half === null ? dash : f(half)}`;

/** Job names over all rows, first seen first. */
function jobNames(rows: readonly Row[]): string[] {
  const names = new Set<string>();
  for (const r of rows) for (const name of Object.keys(r.summary.au)) names.add(name);
  return [...names];
}

const paramCell = (v: PlainValue | undefined): Cell =>
  v === undefined ? null : v !== null && typeof v === "object" ? JSON.stringify(v) : v;

function columns(output: SweepOutput, rows: readonly Row[]): Column[] {
  const reps = output.sweep.replications > 1;
  const jobs = jobNames(rows);
  const several = output.points.some((p) => p.summary.alternatives.length > 1);
  const cols: Column[] = [
    { title: "#", key: "index", align: "right", text: (p) => String(p.index), value: (p) => p.index },
    ...output.sweep.params.map(({ path }): Column => ({
      title: path,
      key: path,
      align: "left",
      text: (p) => (p.params[path] === undefined ? dash : formatValue(p.params[path])),
      value: (p) => paramCell(p.params[path]),
    })),
    ...(several
      ? [
          {
            title: "alternative",
            key: "alternative",
            align: "left",
            text: (p) => p.summary.name,
            value: (p) => p.summary.name,
          } satisfies Column,
        ]
      : []),
  ];
  /** A numeric column; with `half` and replications, `± half-width` in the table and a `_hw` CSV column. */
  const metric = (title: string, key: string, get: Get, show: (x: number | null) => string, half?: Get): void => {
    const h = reps ? half : undefined;
    const bare = (x: number): string => show(x).replace(/%$/, "");
    cols.push({
      title,
      key,
      align: "right",
      text: (p) => pm(show(get(p) ?? null), h === undefined ? undefined : (h(p) ?? null), bare),
      value: (p) => get(p) ?? null,
    });
    if (h !== undefined)
      cols.push({ title: "", key: `${key}_hw`, align: "right", text: () => "", value: (p) => h(p) ?? null });
  };
  const sum = (p: Row) => p.summary;
  metric(
    "utilisation",
    "utilisation",
    (p) => sum(p).utilisation,
    pct,
    (p) => sum(p).halfWidth?.utilisation,
  );
  for (const job of jobs) {
    const one = jobs.length === 1;
    const [title, key] = one ? ["AU", "au"] : [`AU ${job}`, `au.${job}`];
    metric(
      title,
      key,
      (p) => sum(p).au[job],
      pct,
      (p) => sum(p).halfWidth?.au[job],
    );
  }
  metric(
    "wall h",
    "wall_hours",
    (p) => sum(p).wallHours,
    hours,
    (p) => sum(p).halfWidth?.wallHours,
  );
  cols.push({
    title: "GPU-h",
    key: "gpu_hours",
    align: "right",
    text: (p) => (sum(p).gpuHours === null ? dash : num(sum(p).gpuHours!, 0)),
    value: (p) => sum(p).gpuHours,
  });
  metric(
    "cost to finish",
    "total_usd",
    (p) => sum(p).totalUsd,
    usd,
    (p) => sum(p).halfWidth?.totalUsd,
  );
  metric("idle $/year if run all year", "idle_usd_per_year", (p) => sum(p).idlePerYearUsd, usd);
  return cols;
}

/** One line describing the sweep, above the table. */
export function sweepHeadline(output: SweepOutput): string {
  const s = output.sweep;
  const dims = s.params.map((p) => p.values.length).join(" × ");
  const seed = s.seed === null ? "the scenario's seed" : `seed ${s.seed}`;
  const reps = s.replications > 1 ? `, mean of ${s.replications} replications (± 95% half-widths)` : "";
  const fidelity = s.fidelity === null ? "" : `, ${s.fidelity} fidelity`;
  return `${s.scenario}: ${s.points} point${s.points === 1 ? "" : "s"} (${dims}), ${seed}${reps}${fidelity}`;
}

/** The table: a headline, a heading row and one row per point and alternative; columns padded to their widest cell. */
export function formatSweepTable(output: SweepOutput): string {
  const data = rowsOf(output);
  const cols = columns(output, data).filter((c) => !c.key.endsWith("_hw"));
  const rows = [cols.map((c) => c.title), ...data.map((p) => cols.map((c) => c.text(p)))];
  const widths = cols.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  const line = (r: string[]): string =>
    r
      .map((cell, i) => {
        const pad = " ".repeat(widths[i]! - [...cell].length);
        return cols[i]!.align === "right" ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  return [sweepHeadline(output), "", ...rows.map(line)].join("\n");
}

/** One CSV field (RFC 4180 quoting). */
export function csvField(cell: Cell): string {
  if (cell === null) return "";
  const s = String(cell);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The CSV: a heading row of keys (`index`, parameter paths, `utilisation`, `au`…), one row per point and alternative. */
export function formatSweepCsv(output: SweepOutput): string {
  const data = rowsOf(output);
  const cols = columns(output, data);
  const rows = [cols.map((c) => csvField(c.key)), ...data.map((p) => cols.map((c) => csvField(c.value(p))))];
  return rows.map((r) => r.join(",")).join("\n") + "\n";
}
