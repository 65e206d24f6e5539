/**
 * The `stallsim` command line. Each command is a small function in ./commands; argument and input errors
 * print clear lines and exit with status 2, never a stack trace.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { calibrate } from "./commands/calibrate.ts";
import { list } from "./commands/list.ts";
import { run } from "./commands/run.ts";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

const HELP = `stallsim ${pkg.version} — how much GPU time and money does this storage design waste?

A discrete-event simulator and capacity planner for GPU clusters on Kubernetes waiting on storage.

Usage:
  stallsim <command> [options]

Commands:
  run FILE|NAME   Simulate a scenario file (JSON/YAML) or a bundled scenario; prints GPU time by cause,
                  cost and a diagnosis.
                    --seed N            seed (default: the scenario's)
                    --replications K    K runs with seeds N…N+K−1: means and 95% confidence intervals
                    --fidelity F        auto (default), per-step or bulk
                    --json              one JSON document
  calibrate FILES|DIR...
                  Fit a storage profile to fio JSON output; prints the fitted throughput-vs-queue-depth
                  curves and their error against the raw points.
                    --name NAME         profile name (kebab-case, required)
                    -o, --output FILE   write { profile, curves, fitError } as JSON
                    --json              print that document
  list            Bundled scenarios, storage presets, node types and GPUs (--json for JSON).
  help            Show this help.
  version         Print the version.

Options:
  -h, --help      Show this help.
  -v, --version   Print the version.

Examples:
  stallsim list
  stallsim run vision-resnet50-gp3
  stallsim run my-scenario.yaml --replications 5 --json
  stallsim calibrate calibration/runs/my-disk --name my-disk -o my-disk.json

Development: npm test (checks and tests), npm run bench (benchmarks → docs/BENCHMARKS.md).
`;

/** Runs the CLI with `argv` (without node and script); resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
        json: { type: "boolean" },
        seed: { type: "string" },
        replications: { type: "string" },
        fidelity: { type: "string" },
        name: { type: "string" },
        output: { type: "string", short: "o" },
      },
    });
  } catch (err) {
    process.stderr.write(`stallsim: ${(err as Error).message}\nRun 'stallsim --help' for usage.\n`);
    return 2;
  }
  const v = parsed.values;
  const [command, ...rest] = parsed.positionals;
  if (v.version || command === "version") {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  if (v.help || command === undefined || command === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  const json = v.json === true;
  if (command === "list") return list(json);
  if (command === "run") {
    return run({ ref: rest[0], seed: v.seed, replications: v.replications, fidelity: v.fidelity, json });
  }
  if (command === "calibrate") {
    return calibrate({ paths: rest, name: v.name, ...(v.output === undefined ? {} : { output: v.output }), json });
  }
  process.stderr.write(
    `stallsim: unknown command '${command}'${rest.length ? ` (with ${rest.join(" ")})` : ""}\n` +
      "Run 'stallsim --help' for the list of commands.\n",
  );
  return 2;
}
