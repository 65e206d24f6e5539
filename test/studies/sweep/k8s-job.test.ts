/**
 * The Kubernetes manifest: a ConfigMap with the scenario and an Indexed Job whose pods each run one shard; the
 * command line survives Kubernetes' `$(NAME)` expansion and the shell exactly, whatever the arguments hold.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { parseAllDocuments } from "yaml";
import { k8sJobManifest, podScript, shellQuote, type K8sJobOptions } from "../../../src/studies/sweep/k8s-job.ts";
import { k8sExpand } from "../../helpers/k8s-expand.ts";

const OPTIONS: K8sJobOptions = {
  name: "stallsim-sweep-abc",
  image: "registry.example/stallsim:0.1.0",
  namespace: "sims",
  pvc: "results-claim",
  shards: 4,
  files: [
    { name: "s.yaml", text: "name: s\n# a comment\njobs: []\n" },
    { name: "disk.json", text: '{"name":"disk"}' },
  ],
  args: ["--param", "jobs[0].data.workers=4,8", "--seed", "3"],
  workers: 2,
};

/** The argv a pod's shell would hand to `stallsim`, for completion index `k`. */
function podArgv(script: string, k: number): string[] {
  const expanded = k8sExpand(script, { JOB_COMPLETION_INDEX: String(k) });
  expect(expanded.startsWith("exec stallsim ")).toBe(true);
  const printing = expanded.replace(/^exec stallsim /, "printf '%s\\0' ");
  const out = execFileSync("/bin/sh", ["-c", printing], { env: { JOB_COMPLETION_INDEX: String(k) }, encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

describe("k8sJobManifest", () => {
  const docs = parseAllDocuments(k8sJobManifest(OPTIONS)).map((d) => d.toJS() as Doc);

  test("is a ConfigMap with the files, verbatim, and a batch/v1 Indexed Job", () => {
    expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual(["v1 ConfigMap", "batch/v1 Job"]);
    const [cm, job] = docs as [Doc, Doc];
    expect(cm.metadata).toMatchObject({ name: "stallsim-sweep-abc", namespace: "sims" });
    expect(cm.data).toEqual({ "s.yaml": OPTIONS.files[0]!.text, "disk.json": OPTIONS.files[1]!.text });
    expect(job.metadata).toMatchObject({ name: "stallsim-sweep-abc", namespace: "sims" });
    expect(job.spec).toMatchObject({
      completionMode: "Indexed",
      completions: 4,
      parallelism: 4,
      backoffLimitPerIndex: 2,
    });
    expect(job.spec.podFailurePolicy.rules).toEqual([
      { action: "FailIndex", onExitCodes: { containerName: "stallsim", operator: "In", values: [2] } },
      { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] },
    ]);
  });

  test("pods run stallsim with the scenario mounted from the ConfigMap and results on the claim", () => {
    const pod = docs[1]!.spec.template.spec;
    expect(pod.restartPolicy).toBe("Never");
    const c = pod.containers[0]!;
    expect(c).toMatchObject({
      name: "stallsim",
      image: "registry.example/stallsim:0.1.0",
      command: ["/bin/sh", "-c"],
      resources: { requests: { cpu: "2", memory: "2Gi" }, limits: { memory: "4Gi" } },
    });
    expect(c.volumeMounts).toEqual([
      { name: "scenario", mountPath: "/scenario", readOnly: true },
      { name: "results", mountPath: "/results", subPath: "stallsim-sweep-abc" },
    ]);
    expect(pod.volumes).toEqual([
      { name: "scenario", configMap: { name: "stallsim-sweep-abc" } },
      { name: "results", persistentVolumeClaim: { claimName: "results-claim" } },
    ]);
    expect(docs[1]!.spec.template.metadata.labels).toEqual(docs[1]!.metadata.labels);
  });

  test("pod k runs shard k+1 of N and writes shard-k.json", () => {
    const script = docs[1]!.spec.template.spec.containers[0]!.args[0]!;
    expect(podArgv(script, 0)).toEqual([
      "sweep",
      "/scenario/s.yaml",
      "--param",
      "jobs[0].data.workers=4,8",
      "--seed",
      "3",
      "--workers",
      "2",
      "--shard",
      "1/4",
      "-o",
      "/results/shard-0.json",
    ]);
    expect(podArgv(script, 3).slice(-4)).toEqual(["--shard", "4/4", "-o", "/results/shard-3.json"]);
  });

  test("arguments with quotes, spaces and $ reach stallsim unchanged", () => {
    const args = ["--param", `storage["it's"].preset=a,'b c'`, "--param", "x=$(HOME),$$,$((1+1)),${PATH},`id`"];
    const script = podScript({ ...OPTIONS, args });
    expect(podArgv(script, 1).slice(2, 6)).toEqual(args);
  });

  test.for([
    { o: { name: "Bad_Name" }, message: "invalid job name: Bad_Name" },
    { o: { shards: 0 }, message: "invalid shards: 0" },
    { o: { parallelism: 1.5 }, message: "invalid parallelism: 1.5" },
    { o: { workers: -1 }, message: "invalid workers: -1" },
    { o: { files: [] }, message: "no scenario file for the ConfigMap" },
  ] as const)("rejects $o", ({ o, message }) => {
    expect(() => k8sJobManifest({ ...OPTIONS, ...o })).toThrow(message);
  });
});

describe("shellQuote", () => {
  test.for([
    { s: "plain-1.5/x:y=z,w@%+", want: "plain-1.5/x:y=z,w@%+" },
    { s: "jobs[0].x=1", want: "'jobs[0].x=1'" },
    { s: "a b", want: "'a b'" },
    { s: "it's", want: `'it'\\''s'` },
    { s: "", want: "''" },
  ] as const)("$s → $want", ({ s, want }) => {
    expect(shellQuote(s)).toBe(want);
  });
});

/** The parts of the manifest's documents the tests read. */
interface Doc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels: Record<string, string> };
  data: Record<string, string>;
  spec: {
    podFailurePolicy: { rules: unknown[] };
    template: {
      metadata: { labels: Record<string, string> };
      spec: { restartPolicy: string; containers: { args: string[]; volumeMounts: unknown[] }[]; volumes: unknown[] };
    };
  };
}
