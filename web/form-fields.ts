/**
 * The form's fields: the key parameters of a scenario (docs/scenarios.md), laid out per section (the
 * scenario, each storage binding, each job), each naming its path in the document. Built from the parsed
 * data, so the form follows whatever the text holds: a job without checkpoints shows no checkpoint fields.
 */
import type { Path } from "./types.ts";
import { valueAt } from "./scenario-doc.ts";

/**
 * `count`: a plain number input; `unit`: text with a human unit (`40MB`, `2h`, `$2.50`), a bare number
 * being the base unit; `select`: one of `options`.
 */
export type FieldKind = "count" | "unit" | "select";

export interface FieldSpec {
  path: Path;
  label: string;
  kind: FieldKind;
  /** Shown as the input's placeholder, e.g. `e.g. 40MB`. */
  hint?: string;
  options?: readonly string[];
  /** Values a count may take: positive integers unless said otherwise. */
  min?: number;
}

export interface FormSection {
  /** The document path the section stands for (`["jobs", 0]`); issues under it without a field land here. */
  path: Path;
  title: string;
  fields: FieldSpec[];
}

export interface FormContext {
  storagePresets: readonly string[];
  nodeTypes: readonly string[];
}

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);

/** The sections of the form for `data` (the parsed scenario). */
export function formSections(data: unknown, ctx: FormContext): FormSection[] {
  const sections: FormSection[] = [
    {
      path: [],
      title: "Scenario",
      fields: [
        { path: ["cluster", "nodeType"], label: "Node type", kind: "select", options: ctx.nodeTypes },
        { path: ["cluster", "gpuPricePerHour"], label: "GPU price ($/GPU-h)", kind: "unit", hint: "catalog price" },
        { path: ["fidelity"], label: "Fidelity", kind: "select", options: ["auto", "per-step", "bulk"] },
        { path: ["seed"], label: "Seed", kind: "count", min: 0 },
      ],
    },
  ];
  const storage = valueAt(data, ["storage"]);
  const bindings = isObject(storage) ? Object.keys(storage) : [];
  for (const name of bindings) {
    const p = ["storage", name];
    sections.push({
      path: p,
      title: `Storage · ${name}`,
      fields: [
        { path: [...p, "preset"], label: "Preset", kind: "select", options: ctx.storagePresets },
        { path: [...p, "capacity"], label: "Capacity", kind: "unit", hint: "e.g. 4TB" },
        { path: [...p, "throughput"], label: "Provisioned throughput", kind: "unit", hint: "e.g. 1000MiB/s" },
        { path: [...p, "iops"], label: "Provisioned IOPS", kind: "count" },
      ],
    });
  }
  const jobs = valueAt(data, ["jobs"]);
  (Array.isArray(jobs) ? jobs : []).forEach((job: unknown, i) => {
    const p = ["jobs", i];
    const name = isObject(job) && typeof job.name === "string" ? job.name : `#${i + 1}`;
    const fields: FieldSpec[] = [
      { path: [...p, "gpus"], label: "GPUs", kind: "count" },
      { path: [...p, "steps"], label: "Steps", kind: "count" },
      {
        path: [...p, "duration"],
        label: "Compute time (steps = this ÷ step time; not wall time)",
        kind: "unit",
        hint: "e.g. 7d",
      },
      {
        path: [...p, "compute", "stepTime"],
        label: "Step compute time (a bare number is seconds)",
        kind: "unit",
        hint: "e.g. 323ms",
      },
      { path: [...p, "data", "storage"], label: "Data storage", kind: "select", options: bindings },
      { path: [...p, "data", "samplesPerStep"], label: "Samples per step (per GPU)", kind: "count" },
      {
        path: [...p, "data", "sampleSize"],
        label: "Sample size (a bare number is bytes)",
        kind: "unit",
        hint: "e.g. 110KB",
      },
      { path: [...p, "data", "datasetSize"], label: "Dataset size", kind: "unit", hint: "e.g. 1.1TB" },
      { path: [...p, "data", "workers"], label: "Loader workers (per GPU)", kind: "count", hint: "4" },
      { path: [...p, "data", "prefetch"], label: "Prefetch (steps)", kind: "count", min: 0, hint: "2" },
      { path: [...p, "data", "cachePerNode"], label: "Cache per node", kind: "unit", hint: "0" },
      { path: [...p, "data", "maxRequestSize"], label: "Max read request", kind: "unit", hint: "whole sample" },
      { path: [...p, "data", "readahead"], label: "Kernel readahead", kind: "unit", hint: "0 (e.g. 128KiB)" },
    ];
    if (isObject(valueAt(job, ["checkpoint"]))) {
      fields.push(
        { path: [...p, "checkpoint", "storage"], label: "Checkpoint storage", kind: "select", options: bindings },
        {
          path: [...p, "checkpoint", "interval"],
          label: "Checkpoint interval (a bare number is seconds)",
          kind: "unit",
          hint: "1h, young, daly",
        },
        { path: [...p, "checkpoint", "mode"], label: "Checkpoint mode", kind: "select", options: ["sync", "async"] },
      );
    }
    if (isObject(valueAt(job, ["failures"]))) {
      fields.push({ path: [...p, "failures", "gpuMtbf"], label: "GPU MTBF", kind: "unit", hint: "50000h" });
    }
    sections.push({ path: p, title: `Job · ${name}`, fields });
  });
  return sections;
}

/** A field's input text back to a document value: a number where the text is one, else the text; blank removes. */
export function parseFieldInput(kind: FieldKind, text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if (kind === "select") return t;
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : t;
}

/** A document value as a field's input text. */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The key a path is known by in the DOM (`jobs.0.gpus`). */
export const pathKey = (path: Path): string => path.map(String).join(".");
