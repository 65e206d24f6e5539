/**
 * Running a scenario with an explicit cluster (`cluster.pools`): each storage design is simulated on its own
 * copy of the cluster (src/models/cluster/cluster-sim.ts: every workload on one engine, fluid network and
 * storage fabric) and becomes one alternative of the result (cluster-design.ts), named after the design (or
 * `cluster` when the scenario has no `designs`). Designs are compared, never added.
 */
import { simulateCluster } from "../models/cluster/cluster-sim.ts";
import type { StorageProfile } from "../models/storage/profile.ts";
import { designAlternative } from "./cluster-design.ts";
import { progressReporter } from "./progress.ts";
import { resolveClusterDesigns } from "./resolve-cluster.ts";
import { scenarioResult } from "./result/document.ts";
import type { AlternativeResult, ScenarioResult } from "./result/types.ts";
import type { ScenarioConfig } from "./schema/scenario.ts";
import { scenarioWarnings } from "./warnings.ts";
import { clockOverflowAsScenarioError } from "./run-length.ts";

/** Options of one cluster replication. */
export interface ClusterRunOptions {
  readonly fidelity?: "auto" | "per-step" | "bulk";
  readonly profiles?: ReadonlyMap<string, StorageProfile>;
  /** Called after each design with (designs done, designs). */
  readonly onDesign?: (done: number, total: number) => void;
}

/** The name of the alternative of a scenario without `designs`. */
export const CLUSTER_ALTERNATIVE = "cluster";

/**
 * The alternatives (one per design) of one replication of a cluster scenario at `seed`.
 * @throws RangeError from resolution (provisioning, pools) or a workload that never fits the cluster.
 */
export function runClusterReplication(
  s: ScenarioConfig,
  seed: number,
  opts: ClusterRunOptions = {},
): AlternativeResult[] {
  const designs = resolveClusterDesigns(s, seed, opts.fidelity ?? s.fidelity, opts.profiles);
  return designs.map((d, i) => {
    const run = simulateCluster({
      cluster: d.cluster,
      bindings: d.bindings,
      jobs: d.jobs,
      serving: d.serving,
      policy: d.policy,
      fidelity: d.fidelity,
      seed,
    });
    const alternative = designAlternative(d, run, s.designs === undefined ? CLUSTER_ALTERNATIVE : d.name);
    opts.onDesign?.(i + 1, designs.length);
    return alternative;
  });
}

/**
 * Runs a cluster scenario: `replications` runs at seeds `seed … seed + K − 1`, aggregated per design
 * (result/replications.ts; with job arrivals, per-job numbers are averaged by position, and jobs differ by seed).
 * Progress: one unit share per design per replication.
 * @throws RangeError on an invalid replication count, or as {@link runClusterReplication}.
 */
export function runClusterScenario(
  s: ScenarioConfig,
  seed: number,
  replications: number,
  opts: ClusterRunOptions & { readonly onProgress?: (done: number, total: number) => void } = {},
): ScenarioResult {
  if (!(Number.isInteger(replications) && replications >= 1))
    throw new RangeError(`invalid replications: ${replications}`);
  const designs = s.designs?.length ?? 1;
  const progress = progressReporter(Array<number>(designs).fill(1), replications, opts.onProgress);
  const runs: AlternativeResult[][] = [];
  for (let i = 0; i < replications; i++) {
    const report = progress(i);
    try {
      runs.push(runClusterReplication(s, seed + i, { ...opts, onDesign: (done) => report(done - 1, 1) }));
    } catch (e) {
      throw clockOverflowAsScenarioError(e, s, undefined);
    }
  }
  return scenarioResult(s, seed, runs, "designs", scenarioWarnings(s));
}
