/**
 * The sweep section of docs/BENCHMARKS.md (issue #7): runs test/bench/sweep.ts with 1 and 2 worker threads,
 * each run in a fresh process, and renders the section. It is self-contained (its own date, machine load and
 * target), so `npm run bench -- --only sweep` can refresh it alone and splice it into the existing file.
 */
import os from "node:os";
import { SWEEP_BENCH } from "./sweep.ts";

type Json = Record<string, unknown>;
type RunJson = (cmd: string, args: string[]) => Json;

/** The section's heading; the section runs to the next `## ` heading. */
export const SWEEP_HEADING = "## Sweeps (test/bench/sweep.ts)";

const fmt = (x: number, digits = 2): string => x.toLocaleString("en-US", { maximumFractionDigits: digits });
const load = (): string =>
  os
    .loadavg()
    .map((x) => fmt(x))
    .join(", ");

/**
 * Runs the sweep benchmark `repeats` times with 1 and with 2 workers, interleaved (1, 2, 1, 2, …) so that
 * other load on the machine falls on both alike, and returns the section's lines (medians).
 */
export function sweepSection(repeats: number, runJson: RunJson): string[] {
  const loadBefore = load();
  const workerCounts = [1, 2];
  const runs = new Map<number, Json[]>(workerCounts.map((w) => [w, []]));
  for (let i = 0; i < repeats; i++) {
    for (const workers of workerCounts) {
      process.stderr.write(`  sweep, 1,000 points, ${workers} worker(s) (${i + 1}/${repeats})\n`);
      runs
        .get(workers)!
        .push(runJson("node", ["--import", "tsx", "test/bench/sweep.ts", "--workers", String(workers)]));
    }
  }
  const byWorkers = workerCounts.map((workers) => {
    const rs = runs.get(workers)!;
    const med = (key: string): number => median(rs.map((x) => Number(x[key])));
    return { workers, wall: med("wallSeconds"), med, first: rs[0]!, runs: rs };
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
    "starting the worker threads, simulating, summarising, writing the JSON. Runs alternate between 1 and 2 workers;",
    `median of ${repeats} run(s) each. Utilisation across the grid spans ${Number(one.first.utilisationMin).toFixed(3)}–${Number(one.first.utilisationMax).toFixed(3)}.`,
    `The JSON of every run, 1 or 2 workers, ${same ? "was byte-identical" : "**differed**"} (sha256 ${String(one.first.jsonSha256).slice(0, 12)}…).`,
    "",
    "| target | measured | |",
    "|---|---|---|",
    `| ${fmt(points, 0)}-point sweep ≤ 60 s on this machine, 2 workers (issue #7) | ${fmt(two.wall, 1)} s | ${two.wall <= 60 ? "met" : "**missed**"} |`,
    "",
    "| workers | wall s | validate s | simulate s | JSON ms | CPU s (all threads) | points/s | speed-up vs 1 |",
    "|---|---|---|---|---|---|---|---|",
    ...byWorkers.map(
      (b) =>
        `| ${b.workers} | ${fmt(b.wall, 1)} | ${fmt(b.med("prepareSeconds"))} | ${fmt(b.med("runSeconds"), 1)} | ${fmt(1e3 * b.med("jsonSeconds"), 1)} | ${fmt(b.med("cpuSeconds"), 1)} | ${fmt(points / b.wall, 0)} | ${fmt(one.wall / b.wall)}× |`,
    ),
    "",
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
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
