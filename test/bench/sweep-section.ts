/**
 * The sweep section of docs/BENCHMARKS.md (issue #7): runs test/bench/sweep.ts with 1 and 2 worker threads,
 * each in a fresh process, and renders the section. It is self-contained (its own date, machine load and
 * target), so `npm run bench -- --only sweep` can refresh it alone and splice it into the existing file.
 */
import os from "node:os";
import { SWEEP_BENCH } from "./sweep.ts";

type Json = Record<string, unknown>;
type Repeat = (label: string, f: () => Json, key: string) => { median: number; runs: Json[] };
type RunJson = (cmd: string, args: string[]) => Json;

/** The section's heading; the section runs to the next `## ` heading. */
export const SWEEP_HEADING = "## Sweeps (test/bench/sweep.ts)";

const fmt = (x: number, digits = 2): string => x.toLocaleString("en-US", { maximumFractionDigits: digits });
const load = (): string =>
  os
    .loadavg()
    .map((x) => fmt(x))
    .join(", ");

/** Runs the sweep benchmark (medians of `repeat`'s runs) and returns the section's lines. */
export function sweepSection(repeat: Repeat, runJson: RunJson): string[] {
  const loadBefore = load();
  const byWorkers = [1, 2].map((workers) => {
    const r = repeat(
      `sweep, 1,000 points, ${workers} worker(s)`,
      () => runJson("node", ["--import", "tsx", "test/bench/sweep.ts", "--workers", String(workers)]),
      "wallSeconds",
    );
    const med = (key: string): number => {
      const xs = r.runs.map((x) => Number(x[key])).sort((a, b) => a - b);
      return xs[xs.length >> 1]!;
    };
    return { workers, wall: r.median, med, first: r.runs[0]!, runs: r.runs };
  });
  const [one, two] = byWorkers as [(typeof byWorkers)[number], (typeof byWorkers)[number]];
  const points = Number(one.first.points);
  const same = new Set(byWorkers.flatMap((b) => b.runs.map((r) => r.jsonSha256))).size === 1;
  const date = new Date().toISOString().slice(0, 10);
  return [
    SWEEP_HEADING,
    "",
    `- Date: ${date}; ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}`,
    `- Load average before / after: ${loadBefore} / ${load()} (a shared machine: other work slows every figure)`,
    "- Refresh this section alone with `npm run bench -- --only sweep`.",
    "",
    `A ${fmt(points, 0)}-point grid over the bundled \`${SWEEP_BENCH.scenario}\` (a week of 70B-class pre-training with`,
    "988 GB checkpoints): which checkpoint volume, provisioned throughput, interval, mode and cluster size keep the",
    `GPUs busy. \`${SWEEP_BENCH.fidelity}\` fidelity (bulk-advance: a week of up to 1,024 GPUs per point). Parameters:`,
    "",
    ...SWEEP_BENCH.params.map((p) => `    --param ${p}`),
    "",
    "Wall time of the whole sweep in a fresh process, as `stallsim sweep --json` does it: validating all points,",
    `starting the worker threads, simulating, summarising, writing the JSON. Median of the runs per row; utilisation across`,
    `the grid spans ${fmt(Number(one.first.utilisationMin), 3)}–${fmt(Number(one.first.utilisationMax), 3)}. The JSON of every run, 1 or 2 workers, ${same ? "was byte-identical" : "**differed**"} (sha256 ${String(one.first.jsonSha256).slice(0, 12)}…).`,
    "",
    "| target | measured | |",
    "|---|---|---|",
    `| ${fmt(points, 0)}-point sweep ≤ 60 s on this machine, 2 workers (issue #7) | ${fmt(two.wall, 1)} s | ${two.wall <= 60 ? "met" : "**missed**"} |`,
    "",
    "| workers | wall s | validate s | simulate s | JSON s | CPU s (all threads) | points/s | speed-up vs 1 |",
    "|---|---|---|---|---|---|---|---|",
    ...byWorkers.map(
      (b) =>
        `| ${b.workers} | ${fmt(b.wall, 1)} | ${fmt(b.med("prepareSeconds"))} | ${fmt(b.med("runSeconds"), 1)} | ${fmt(b.med("jsonSeconds"))} | ${fmt(b.med("cpuSeconds"), 1)} | ${fmt(points / b.wall, 0)} | ${fmt(one.wall / b.wall)}× |`,
    ),
    "",
  ];
}

/** `doc` with the section starting at `heading` replaced by `lines` (appended when absent). */
export function spliceSection(doc: string, heading: string, lines: readonly string[]): string {
  const all = doc.split("\n");
  const start = all.indexOf(heading);
  if (start < 0) return `${doc.replace(/\n*$/, "\n\n")}${lines.join("\n")}`;
  let end = all.findIndex((l, i) => i > start && l.startsWith("## "));
  if (end < 0) end = all.length;
  return [...all.slice(0, start), ...lines, ...all.slice(end)].join("\n");
}
