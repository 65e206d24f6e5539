/**
 * The `stallsim` command line. Each command is a small function; argument errors print one clear line
 * and exit with status 2, never a stack trace.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

const HELP = `stallsim ${pkg.version} — how much GPU time and money does this storage design waste?

A discrete-event simulator and capacity planner for GPU clusters on Kubernetes waiting on storage.

Usage:
  stallsim <command> [options]

Commands:
  help            Show this help.
  version         Print the version.

Options:
  -h, --help      Show this help.
  -v, --version   Print the version.

What exists today is the simulation engine (src/sim) with its tests and benchmarks:
  npm test        type-check, lint, format check and the test suite
  npm run bench   engine benchmarks, written to docs/BENCHMARKS.md
  npx tsx test/bench/mm1.ts --customers N --lambda L --mu M --seed S
                  one M/M/1 run, one JSON line

Training runs, the API server and the web UI come with the next issues (see README.md).
`;

/** Runs the CLI with `argv` (without node and script); returns the exit status. */
export function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "v" } },
    });
  } catch (err) {
    process.stderr.write(`stallsim: ${(err as Error).message}\nRun 'stallsim --help' for usage.\n`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.version || command === "version") {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  if (parsed.values.help || command === undefined || command === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  process.stderr.write(
    `stallsim: unknown command '${command}'${rest.length ? ` (with ${rest.join(" ")})` : ""}\n` +
      "Run 'stallsim --help' for the list of commands.\n",
  );
  return 2;
}
