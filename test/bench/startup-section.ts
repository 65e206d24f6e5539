/**
 * The CLI start-up section of docs/BENCHMARKS.md (issue #13: every command starts fast, `--help` ≤ 0.5 s):
 * wall time of `node bin/stallsim.js COMMAND` in a fresh process, from the compiled build (dist/, rebuilt
 * first) and from the TypeScript sources through tsx (`STALLSIM_FROM_SOURCE=1`, tsx's cache warm), for
 * commands that do no simulation work. Self-contained: `npm run bench -- --only startup` refreshes it alone.
 */
import { execFileSync, spawnSync } from "node:child_process";
import os from "node:os";

/** The section's heading; the section runs to the next `## ` heading. */
export const STARTUP_HEADING = "## CLI start-up (bin/stallsim.js)";

/** Commands timed: each returns at once (help, version, the catalogue, an input error, a usage error). */
const COMMANDS: readonly (readonly string[])[] = [
  ["--help"],
  ["version"],
  ["list"],
  ["run", "no-such-scenario"],
  ["calibrate"],
  ["plan"],
  ["sweep"],
  ["regress"],
];

const fmt = (x: number, digits = 2): string => x.toLocaleString("en-US", { maximumFractionDigits: digits });

function wallSeconds(root: string, args: readonly string[], fromSource: boolean): number {
  const env = { ...process.env, STALLSIM_FROM_SOURCE: fromSource ? "1" : "0" };
  const t = process.hrtime.bigint();
  spawnSync("node", ["bin/stallsim.js", ...args], { cwd: root, env, stdio: "ignore" });
  return Number(process.hrtime.bigint() - t) / 1e9;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Builds dist/, times each command `repeats` times both ways (interleaved), returns the section's lines. */
export function startupSection(root: string, repeats: number): string[] {
  execFileSync("node", ["bin/build.js"], { cwd: root, stdio: "inherit" });
  const n = Math.max(5, repeats);
  // One warm-up each way: tsx fills its transpile cache, the OS its file cache.
  for (const args of COMMANDS) for (const src of [false, true]) wallSeconds(root, args, src);
  const rows = COMMANDS.map((args) => {
    const compiled: number[] = [];
    const source: number[] = [];
    for (let i = 0; i < n; i++) {
      process.stderr.write(`  start-up: stallsim ${args.join(" ")} (${i + 1}/${n})\n`);
      compiled.push(wallSeconds(root, args, false));
      source.push(wallSeconds(root, args, true));
    }
    return { command: `stallsim ${args.join(" ")}`, compiled: median(compiled), source: median(source) };
  });
  const help = rows[0]!;
  const slowest = rows.reduce((a, r) => (r.compiled > a.compiled ? r : a));
  return [
    STARTUP_HEADING,
    "",
    `- Date: ${new Date().toISOString().slice(0, 10)}; ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}`,
    "- Refresh this section alone with `npm run bench -- --only startup`.",
    "",
    "Wall time of a fresh `node bin/stallsim.js …` process to exit, for commands that do no simulation: from the",
    "compiled build `npm install` makes (dist/, bin/build.js) and from the TypeScript sources through tsx with its",
    `cache warm (\`STALLSIM_FROM_SOURCE=1\`, what runs when dist/ is missing or older than the sources). Median of ${n}.`,
    "",
    "| target | measured | |",
    "|---|---|---|",
    `| \`stallsim --help\` ≤ 0.5 s (issue #13) | ${fmt(help.compiled)} s | ${help.compiled <= 0.5 ? "met" : "**missed**"} |`,
    `| every command below ≤ 0.5 s (slowest: \`${slowest.command}\`) | ${fmt(slowest.compiled)} s | ${slowest.compiled <= 0.5 ? "met" : "**missed**"} |`,
    "",
    "| command | compiled s | from sources s |",
    "|---|---|---|",
    ...rows.map((r) => `| \`${r.command}\` | ${fmt(r.compiled)} | ${fmt(r.source)} |`),
    "",
  ];
}
