/**
 * The `stallsim` command line. Each command is a small function in ./commands, loaded only when it runs (so
 * `--help` and every command start without loading the others); argument and input errors print clear lines
 * and exit with status 2, never a stack trace.
 */
import { parseArgs } from "node:util";
import { VERSION } from "./version.ts";

const HELP = `stallsim ${VERSION} — how much GPU time and money does this storage design waste?

A discrete-event simulator and capacity planner for GPU clusters on Kubernetes waiting on storage.

Usage:
  stallsim <command> [options]

Commands:
  run FILE|NAME   Simulate a scenario file (JSON/YAML) or a bundled scenario; prints GPU time by cause,
                  cost and a diagnosis.
                    --seed N            seed (default: the scenario's)
                    --replications K    K runs with seeds N…N+K−1: means and 95% confidence intervals
                    --fidelity F        auto (default), per-step or bulk
                    --force             run even when the estimated work is over the budget
                                        (STALLSIM_WORK_BUDGET, default 6e8 ≈ 10 min of one core)
                    --json              one JSON document
  sweep FILE|NAME --param PATH=V1,V2,... [--param ...]
                  Run the grid (cartesian product) of scenario fields, all points validated first, on
                  all cores; one row per point: utilisation, AU, wall hours, total $, idle $/year.
                  PATH as in the file: storage.data.preset, jobs[0].data.workers (docs/sweeps.md);
                  values are YAML (8, 500MB/s, true, '8', {steps: 500}).
                    --seed N, --replications K, --fidelity F, --force   as for run, for every point
                    --workers N         threads (default: all cores); 1 runs serially in-process
                    --json [--full]     { sweep, points[] } with each point's summary (--full: and
                                        its whole result); --csv for CSV
                    -o, --output FILE   write to FILE instead of stdout
                    --shard I/N         run only points with index % N = I-1; write a shard file
                    --emit-k8s-job      write a Kubernetes Indexed Job (one shard per index) instead
                                        of running: --image IMAGE, --shards N (default: up to 10),
                                        --namespace NS, --pvc CLAIM (default stallsim-results)
  merge SHARD.json...
                  Combine the shard files of one sweep into its output (same as the unsharded sweep);
                  checks they are all the shards of the same sweep. --json [--full], --csv, -o FILE.
  calibrate --run PATH --name NAME
                  Measure the volume at PATH (a data file on it, read only; or a folder to write a
                  scratch file in) the way a data loader reads it — blocking random reads from N
                  threads at the loader's request sizes, buffered unless --direct — in several passes,
                  and fit a profile; the passes' spread is the volume's repeatability (calibration/README.md).
                    --sizes 4k,64k,1m   request sizes (your samples, or the loader's request size)
                    --threads 1,4       readers at once (workers per GPU × GPUs per node; 1 too)
                    --passes 3          passes of the measurements; --seconds 2 per fio run
                    --direct            O_DIRECT reads (a loader that opens files with O_DIRECT)
                    --size 4GiB         scratch file size when PATH is a folder
                    -o FILE, --json     as below
  calibrate FILES|DIR...
                  Fit a storage profile to fio JSON output (directories searched recursively); prints
                  the fitted throughput-vs-queue-depth curves, their error against the raw points and
                  warnings (one queue depth only, a poor fit, buffered I/O). Refuses runs from two
                  machines or devices.
                    --name NAME         profile name (kebab-case, required)
                    -o, --output FILE   write { profile, curves, fitError, warnings } as JSON
                    --allow-mixed       fit runs from several machines or devices as one profile
                    --json              print that document
  regress SUITE_DIR --baseline FILE
                  CI regression check: run a suite of scenarios (a folder, optionally with suite.yaml)
                  with fixed seeds and compare their metrics with a baseline (docs/regress.md).
                  Exit status: 0 all within tolerance, 1 anything moved, 2 bad input.
                    --update            write the baseline from this run (and pass)
                    --tolerance M=T     per-metric tolerance, e.g. au=0.005abs,cost.totalUsd=1%
                    --junit FILE        write JUnit XML (one testsuite per scenario)
                    --workers N         threads (default: all cores; 1 = in this process)
                    --json              the report as one JSON document
  plan FILE|NAME  The cheapest design that meets the scenario's goal (utilisation, deadline or TTFT):
                  searches its search space (presets, provisioned performance, cache, checkpoint policy,
                  GPUs), prints the chosen design, the cost–utilisation frontier, why each other design
                  fails, idle cost per year and the payback of a faster tier (docs/planning.md).
                  Exit status: 0 a design meets the goal, 1 none does, 2 bad input.
                    --replications K    K runs per design: the goal must hold at the 95% bound
                    --strategy S        smart (default) or exhaustive
                    --workers N         threads (default: all cores; 1 = in this process)
                    --seed N, --fidelity F, --force, --json   as for run
  list            Bundled scenarios, storage presets, node types and GPUs (--json for JSON).
  serve           The HTTP API (/api, docs at /api/docs) and the web UI (/); what npm start runs.
                    Environment: HOST (127.0.0.1), PORT (3000), STALLSIM_DATA_DIR (./data),
                    STALLSIM_TOKEN (bearer token for writes), STALLSIM_BODY_LIMIT (bytes),
                    STALLSIM_WORK_BUDGET (work units), STALLSIM_MAX_QUEUED, STALLSIM_WORKERS,
                    STALLSIM_MAX_RUNS, STALLSIM_MAX_STORED_BYTES (retention),
                    STALLSIM_REQUEST_TIMEOUT_MS, STALLSIM_ALLOWED_HOSTS (docs/api.md)
  help            Show this help.
  version         Print the version.

Options:
  -h, --help      Show this help.
  -v, --version   Print the version.

Examples:
  stallsim list
  stallsim run vision-resnet50-gp3
  stallsim run my-scenario.yaml --replications 5 --json
  stallsim plan plan-llm-storage
  stallsim sweep llm-pretrain-ebs-gp3 --param storage.checkpoints.throughput=250MiB/s,500MiB/s,1000MiB/s \
    --param jobs[0].checkpoint.interval=30m,1h,2h --csv -o sweep.csv
  stallsim calibrate calibration/runs/my-disk --name my-disk -o my-disk.json
  stallsim regress test/golden --baseline test/golden/baseline.json --junit regress.xml

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
        strategy: { type: "string" },
        workers: { type: "string" },
        name: { type: "string" },
        output: { type: "string", short: "o" },
        baseline: { type: "string" },
        update: { type: "boolean" },
        tolerance: { type: "string", multiple: true },
        junit: { type: "string" },
        param: { type: "string", multiple: true },
        csv: { type: "boolean" },
        full: { type: "boolean" },
        shard: { type: "string" },
        "emit-k8s-job": { type: "boolean" },
        image: { type: "string" },
        shards: { type: "string" },
        namespace: { type: "string" },
        pvc: { type: "string" },
        "allow-mixed": { type: "boolean" },
        run: { type: "string" },
        sizes: { type: "string" },
        threads: { type: "string" },
        direct: { type: "boolean" },
        passes: { type: "string" },
        seconds: { type: "string" },
        size: { type: "string" },
        force: { type: "boolean" },
      },
    });
  } catch (err) {
    process.stderr.write(`stallsim: ${(err as Error).message}\nRun 'stallsim --help' for usage.\n`);
    return 2;
  }
  const v = parsed.values;
  const [command, ...rest] = parsed.positionals;
  if (v.version || command === "version") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (v.help || command === undefined || command === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  const json = v.json === true;
  if (command === "list") return (await import("./commands/list.ts")).list(json);
  if (command === "run") {
    const { run } = await import("./commands/run.ts");
    return run({
      ref: rest[0],
      seed: v.seed,
      replications: v.replications,
      fidelity: v.fidelity,
      force: v.force === true,
      json,
    });
  }
  if (command === "serve") return (await import("./commands/serve.ts")).serve();
  if (command === "sweep") {
    const { sweep } = await import("./commands/sweep.ts");
    const { seed, replications, fidelity, workers, output, shard, image, shards, namespace, pvc } = v;
    return sweep({
      ref: rest[0],
      params: v.param ?? [],
      ...{ seed, replications, fidelity, workers, output, shard, image, shards, namespace, pvc },
      json,
      csv: v.csv === true,
      full: v.full === true,
      emitK8sJob: v["emit-k8s-job"] === true,
      force: v.force === true,
    });
  }
  if (command === "merge") {
    const { merge } = await import("./commands/merge.ts");
    return merge({ paths: rest, json, csv: v.csv === true, full: v.full === true, output: v.output });
  }
  if (command === "plan") {
    const { plan } = await import("./commands/plan.ts");
    const { seed, replications, fidelity, strategy, workers } = v;
    return plan({ ref: rest[0], seed, replications, fidelity, strategy, workers, force: v.force === true, json });
  }
  if (command === "regress") {
    const { regressCommand } = await import("./commands/regress.ts");
    return regressCommand({
      paths: rest,
      baseline: v.baseline,
      update: v.update === true,
      tolerance: v.tolerance ?? [],
      ...(v.junit === undefined ? {} : { junit: v.junit }),
      workers: v.workers,
      json,
    });
  }
  if (command === "calibrate") {
    const { calibrate } = await import("./commands/calibrate.ts");
    return calibrate({
      paths: rest,
      name: v.name,
      ...(v.output === undefined ? {} : { output: v.output }),
      allowMixed: v["allow-mixed"] === true,
      json,
      ...(v.run === undefined ? {} : { run: v.run }),
      ...{ sizes: v.sizes, threads: v.threads, passes: v.passes, seconds: v.seconds, size: v.size },
      direct: v.direct === true,
    });
  }
  process.stderr.write(
    `stallsim: unknown command '${command}'${rest.length ? ` (with ${rest.join(" ")})` : ""}\n` +
      "Run 'stallsim --help' for the list of commands.\n",
  );
  return 2;
}
