/**
 * The model catalog: served models with their parameter counts and weight sizes, each with its source
 * (domain-facts §6.1). A scenario names one of these or gives the bytes itself.
 */
import type { ModelSpec } from "./model-spec.ts";

const CANITRUN = "https://canitrun.dev/models/llama-3.1-8b";
const SURAJSSD = "https://gist.github.com/surajssd/3e758b486297aac58c836223e8f9ed39";

/** Every model in the catalog. */
export const MODELS: readonly ModelSpec[] = [
  {
    name: "llama-3.1-8b",
    title: "Llama-3.1-8B (bf16)",
    parameters: 8.03e9,
    nativePrecision: "bf16",
    bytes: 16.1e9,
    sources: [{ what: "8.03 B parameters; bf16 weights 16.1 GB in 4 safetensors shards", ref: CANITRUN, tag: "S" }],
  },
  {
    name: "llama-3.1-70b",
    title: "Llama-3.1-70B (bf16)",
    parameters: 70.6e9,
    nativePrecision: "bf16",
    bytes: 141e9,
    sources: [
      { what: "70.6 B parameters × 2 bytes (bf16) ≈ 141 GB in 30 shards", ref: "domain-facts.md §6.1", tag: "D" },
    ],
  },
  {
    name: "llama-3.1-405b",
    title: "Llama-3.1-405B (bf16)",
    parameters: 405.9e9,
    nativePrecision: "bf16",
    bytes: 812e9,
    sources: [{ what: "405.9 B parameters × 2 bytes (bf16) ≈ 812 GB", ref: "domain-facts.md §6.1", tag: "D" }],
  },
  {
    name: "deepseek-r1",
    title: "DeepSeek-R1 671B (fp8)",
    parameters: 671e9,
    nativePrecision: "fp8",
    bytes: 689e9,
    sources: [
      { what: "671 B parameters; ≈689 GB on disk in 163 safetensors files", ref: SURAJSSD, tag: "S" },
      {
        what: "native precision fp8 (689 GB ≈ 671 B × 1 byte plus higher-precision layers)",
        ref: "domain-facts.md §6.1",
        tag: "M",
      },
    ],
  },
];

const BY_NAME: ReadonlyMap<string, ModelSpec> = new Map(MODELS.map((m) => [m.name, m]));

/**
 * The model called `name` (e.g. `llama-3.1-8b`).
 * @throws RangeError `unknown model: NAME` when the catalog has none.
 */
export function modelByName(name: string): ModelSpec {
  const m = BY_NAME.get(name);
  if (m === undefined) throw new RangeError(`unknown model: ${name}`);
  return m;
}
