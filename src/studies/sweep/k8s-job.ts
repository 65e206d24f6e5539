/**
 * A sweep as a Kubernetes Indexed Job: one multi-document YAML with a ConfigMap holding the scenario file (and
 * the profile files it names) and a `batch/v1` Job with `completionMode: Indexed` and `completions: N`. Pod `k`
 * (JOB_COMPLETION_INDEX = k) runs shard k + 1 of N and writes `/results/shard-k.json` on a persistent volume
 * claim, mounted at a sub-directory named after the Job, so sweeps sharing a claim do not collide; `stallsim
 * merge` then combines the files.
 *
 * The container runs `/bin/sh -c` because the shard number needs arithmetic (`$((JOB_COMPLETION_INDEX + 1))`).
 * Kubernetes expands `$(NAME)` in `command`/`args` before the shell sees them, so every `$` that comes from
 * the user's arguments is written `$$`; the script's own `$((…))` and `${…}` are not `$(NAME)` references
 * and pass through unchanged. Failure handling: `backoffLimitPerIndex` retries each index on its own (batch/v1,
 * Kubernetes ≥ 1.29 where the feature is on by default, GA in 1.33; it needs `restartPolicy: Never`), and a
 * pod failure policy fails an index at once on exit code 2 (bad input: a retry gives the same answer) and does
 * not count disruptions (preemption, node drain) against it.
 */
import { stringify } from "yaml";

/** What the manifest needs. */
export interface K8sJobOptions {
  /** Name of the Job and the ConfigMap (DNS label: lower-case, ≤ 63 characters). */
  readonly name: string;
  readonly image: string;
  readonly namespace?: string | undefined;
  /** Persistent volume claim for results (ReadWriteMany unless all pods land on one node). */
  readonly pvc: string;
  /** Completions = shards. */
  readonly shards: number;
  /** Pods running at once; default `shards`. */
  readonly parallelism?: number | undefined;
  /** Files for the ConfigMap, mounted read-only at /scenario: the scenario first. Keys are file names. */
  readonly files: readonly { readonly name: string; readonly text: string }[];
  /** Arguments after `stallsim sweep /scenario/FILE`: the `--param`s and run options, as given. */
  readonly args: readonly string[];
  /** Worker threads per pod (also its CPU request); default 1. */
  readonly workers?: number | undefined;
  /** Labels on every object and pod. */
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** Tries per index before it is marked failed; default 2. */
  readonly backoffLimitPerIndex?: number | undefined;
}

/** Where the ConfigMap is mounted. */
export const SCENARIO_DIR = "/scenario";
/** Where the results volume is mounted. */
export const RESULTS_DIR = "/results";

/** `s` quoted for a POSIX shell (single quotes unless it is plainly safe). */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/** `s` protected from Kubernetes' `$(NAME)` expansion in command and args. */
export const k8sEscape = (s: string): string => s.replaceAll("$", "$$$$");

/** The shell script a pod runs (before Kubernetes' `$(NAME)` expansion). */
export function podScript(o: Pick<K8sJobOptions, "files" | "args" | "shards" | "workers">): string {
  const file = `${SCENARIO_DIR}/${o.files[0]!.name}`;
  const args = [file, ...o.args, "--workers", String(o.workers ?? 1)].map((a) => k8sEscape(shellQuote(a)));
  return [
    "exec stallsim sweep",
    ...args,
    `--shard "$((JOB_COMPLETION_INDEX + 1))/${o.shards}"`,
    `-o "${RESULTS_DIR}/shard-\${JOB_COMPLETION_INDEX}.json"`,
  ].join(" ");
}

/**
 * The manifest: a ConfigMap and an Indexed Job, as multi-document YAML.
 * @throws RangeError for a name that is not a DNS label, a bad shard, parallelism or worker count, or no files.
 */
export function k8sJobManifest(o: K8sJobOptions): string {
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(o.name)) throw new RangeError(`invalid job name: ${o.name}`);
  for (const [what, n] of [
    ["shards", o.shards],
    ["parallelism", o.parallelism ?? o.shards],
    ["workers", o.workers ?? 1],
  ] as const) {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`invalid ${what}: ${n} (expected an integer ≥ 1)`);
  }
  if (o.files.length === 0) throw new RangeError("no scenario file for the ConfigMap");
  const workers = o.workers ?? 1;
  const labels = { "app.kubernetes.io/name": "stallsim", "app.kubernetes.io/component": "sweep", ...o.labels };
  const metadata = { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), labels };
  const configMap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata,
    data: Object.fromEntries(o.files.map((f) => [f.name, f.text])),
  };
  const job = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata,
    spec: {
      completionMode: "Indexed",
      completions: o.shards,
      parallelism: o.parallelism ?? o.shards,
      backoffLimitPerIndex: o.backoffLimitPerIndex ?? 2,
      podFailurePolicy: {
        rules: [
          { action: "FailIndex", onExitCodes: { containerName: "stallsim", operator: "In", values: [2] } },
          { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] },
        ],
      },
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: "Never",
          containers: [
            {
              name: "stallsim",
              image: o.image,
              command: ["/bin/sh", "-c"],
              args: [podScript(o)],
              resources: {
                requests: { cpu: String(workers), memory: `${workers}Gi` },
                limits: { memory: `${2 * workers}Gi` },
              },
              volumeMounts: [
                { name: "scenario", mountPath: SCENARIO_DIR, readOnly: true },
                { name: "results", mountPath: RESULTS_DIR, subPath: o.name },
              ],
            },
          ],
          volumes: [
            { name: "scenario", configMap: { name: o.name } },
            { name: "results", persistentVolumeClaim: { claimName: o.pvc } },
          ],
        },
      },
    },
  };
  const header = [
    "# A stallsim sweep as a Kubernetes Indexed Job (docs/sweeps.md). Pod k runs shard k+1 of",
    `# ${o.shards} and writes shard-k.json to the claim ${o.pvc}, folder ${o.name}/; then: stallsim merge shard-*.json`,
  ].join("\n");
  const yaml = (doc: unknown) => stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
  return `${header}\n${yaml(configMap)}---\n${yaml(job)}`;
}
