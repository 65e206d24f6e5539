/**
 * `stallsim sweep FILE|NAME --param PATH=V1,V2,... [--param ...] [--seed N] [--replications K] [--fidelity F]
 * [--workers N] [--json [--full] | --csv] [-o OUT] [--shard I/N]`, and with `--emit-k8s-job [--image IMAGE]
 * [--shards N] [--namespace NS] [--pvc CLAIM]` the Kubernetes Indexed Job that runs it in shards (docs/sweeps.md).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { BUNDLED_DIR, bundledNames, loadScenario } from "../../scenarios/bundled.ts";
import type { PlainValue } from "../../scenarios/parse-text.ts";
import { k8sJobManifest } from "../../studies/sweep/k8s-job.ts";
import { defaultWorkers } from "../../scenarios/many/pool.ts";
import { fidelityArg, intArg } from "../args.ts";
import { prepareSweep, type PreparedSweep } from "../../studies/sweep/prepare.ts";
import { runSweep } from "../../studies/sweep/run-sweep.ts";
import { inShard, parseShardSpec, shardDocument } from "../../studies/sweep/shard.ts";
import { progressBar } from "../progress-bar.ts";
import { renderSweep, reportSweepError, sweepFormat, writeOutput } from "../sweep-output.ts";
import { VERSION } from "../version.ts";
import { UsageError } from "../usage-error.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import { estimateScenarioWork, type ScenarioWork } from "../../scenarios/work.ts";
import { checkCliWork } from "../budget.ts";

/** The command line of `stallsim sweep`, as strings from the argument parser. */
export interface SweepArgs {
  ref: string | undefined;
  params: string[];
  seed?: string | undefined;
  replications?: string | undefined;
  fidelity?: string | undefined;
  workers?: string | undefined;
  json: boolean;
  csv: boolean;
  full: boolean;
  output?: string | undefined;
  shard?: string | undefined;
  emitK8sJob: boolean;
  image?: string | undefined;
  shards?: string | undefined;
  namespace?: string | undefined;
  pvc?: string | undefined;
  /** Run even when the estimated work is over the budget. */
  force?: boolean;
}

/** Runs `stallsim sweep`; resolves to the exit status. */
export async function sweep(a: SweepArgs): Promise<number> {
  try {
    if (a.ref === undefined) throw new UsageError("sweep needs a scenario file or a bundled name (see stallsim list)");
    const format = sweepFormat(a.json, a.csv, a.full && a.shard === undefined);
    const fidelity = fidelityArg(a.fidelity);
    const seed = intArg("seed", a.seed, 0);
    const replications = intArg("replications", a.replications, 1);
    const workers = intArg("workers", a.workers, 1);
    const shard = a.shard === undefined ? undefined : parseShardSpec(a.shard);
    if (!a.emitK8sJob) {
      for (const [flag, v] of [
        ["image", a.image],
        ["shards", a.shards],
        ["namespace", a.namespace],
        ["pvc", a.pvc],
      ] as const) {
        if (v !== undefined) throw new UsageError(`--${flag} goes with --emit-k8s-job`);
      }
    } else if (shard) throw new UsageError("--emit-k8s-job writes the job for all shards; leave out --shard");
    if (shard && format === "csv")
      throw new UsageError("--shard writes a JSON shard file; use --csv with stallsim merge");
    const { data, source } = await loadScenario(a.ref);
    const prepared = await prepareSweep(
      { document: data as PlainValue, source, params: a.params, seed, replications, fidelity },
      shard ? (i) => inShard(shard, i) : undefined,
    );
    if (a.emitK8sJob) {
      writeOutput(manifest(a, prepared, source, workers), a.output);
      return 0;
    }
    checkCliWork(sweepWork(prepared), {
      what: `the sweep's ${prepared.points.length} point${prepared.points.length === 1 ? "" : "s"}`,
      replications: replications ?? 1,
      force: a.force === true,
      config: prepared.points[0]?.config ?? (data as ScenarioConfig),
    });
    const bar = progressBar("sweep", "points");
    let points;
    try {
      points = await runSweep(prepared, { workers: workers ?? defaultWorkers(), onProgress: bar?.update });
    } finally {
      bar?.stop();
    }
    if (shard) {
      const doc = shardDocument(VERSION, prepared.definition, shard, points);
      writeOutput(`${JSON.stringify(doc)}\n`, a.output);
    } else {
      writeOutput(renderSweep({ sweep: prepared.definition, points }, format, a.full), a.output);
    }
    return 0;
  } catch (e) {
    return reportSweepError(e, a.json);
  }
}

/** The work of every point to run, as one estimate (each point's jobs and workloads named `#INDEX/NAME`). */
function sweepWork(prepared: PreparedSweep): ScenarioWork {
  const works = prepared.points.map((p) => {
    const w = estimateScenarioWork(p.config, {
      seed: p.seed,
      replications: p.replications,
      fidelity: p.fidelity,
      profiles: p.profiles,
    });
    const at = <T extends { name: string }>(x: T): T => ({ ...x, name: `#${p.index}/${x.name}` });
    return { ...w, perJob: w.perJob.map(at), perWorkload: w.perWorkload.map(at) };
  });
  return {
    units: works.reduce((n, w) => n + w.units, 0),
    perJob: works.flatMap((w) => w.perJob),
    perWorkload: works.flatMap((w) => w.perWorkload),
  };
}

/** The scenario file (and the profile files it names) for the ConfigMap, by file name. */
function configFiles(ref: string, source: string, prepared: PreparedSweep): { name: string; text: string }[] {
  // As loadScenario decides: an existing path or a file-like name is a file, anything else a bundled name.
  const bundled = !existsSync(ref) && !/[/\\]|\.(ya?ml|json)$/i.test(ref) && bundledNames().includes(ref);
  const file = bundled ? path.join(BUNDLED_DIR, `${ref}.yaml`) : ref;
  const files = [{ name: path.basename(file), text: readFileSync(file, "utf8") }];
  for (const p of prepared.profiles.keys()) {
    if (/[/\\]/.test(p) || p === files[0]!.name) {
      throw new UsageError(
        `--emit-k8s-job: profile file ${p} must sit next to the scenario file under another name (a ConfigMap holds plain file names)`,
      );
    }
    files.push({ name: p, text: readFileSync(path.resolve(path.dirname(source), p), "utf8") });
  }
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  if (bytes > 1_000_000)
    throw new UsageError(`--emit-k8s-job: the files come to ${bytes} bytes; a ConfigMap holds 1 MB`);
  return files;
}

function manifest(a: SweepArgs, prepared: PreparedSweep, source: string, workers: number | undefined): string {
  const points = prepared.definition.points;
  const shards = intArg("shards", a.shards, 1) ?? Math.min(points, 10);
  if (shards > points) throw new UsageError(`invalid --shards: ${shards} (the sweep has ${points} points)`);
  const hash = prepared.definition.hash.replace(/^sha256:/, "");
  const args = [
    ...a.params.flatMap((p) => ["--param", p]),
    ...(a.seed === undefined ? [] : ["--seed", a.seed]),
    ...(a.replications === undefined ? [] : ["--replications", a.replications]),
    ...(a.fidelity === undefined ? [] : ["--fidelity", a.fidelity]),
  ];
  return k8sJobManifest({
    name: `stallsim-sweep-${hash.slice(0, 12)}`,
    image: a.image ?? `stallsim:${VERSION}`,
    namespace: a.namespace,
    pvc: a.pvc ?? "stallsim-results",
    shards,
    files: configFiles(a.ref!, source, prepared),
    args,
    workers,
    labels: { "stallsim/sweep": hash.slice(0, 12) },
  });
}
