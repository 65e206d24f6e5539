/**
 * The service model: default prefill and decode times computed by hand for Llama-3.1-8B on an H100, and
 * their scaling on MIG instances (prefill by the SM share g/7, decode by the memory share m/8).
 */
import { describe, expect, test } from "vitest";
import { gpuByName } from "../../../src/models/gpu/catalog.ts";
import { migProfile } from "../../../src/models/gpu/mig/catalog.ts";
import { computeShare, memoryShare } from "../../../src/models/gpu/mig/mig-profile.ts";
import { modelByName } from "../../../src/models/inference/model-catalog.ts";
import { modelBytes } from "../../../src/models/inference/model-spec.ts";
import {
  decodeOn,
  defaultPerTokenUs,
  defaultPrefillUs,
  prefillOn,
  type ServiceModel,
} from "../../../src/models/inference/service-time.ts";

describe("defaults for Llama-3.1-8B on an H100 SXM", () => {
  const h100 = gpuByName("h100-sxm");
  const llama = modelByName("llama-3.1-8b");

  test("prefill of 1,000 tokens: 2 × 8.03e9 × 1000 / (989e12 × 0.4) = 40.6 ms", () => {
    expect(defaultPrefillUs(llama.parameters, 1000, h100.bf16Flops)).toBe(Math.ceil((16.06e12 / (989e12 * 0.4)) * 1e6));
    expect(defaultPrefillUs(llama.parameters, 1000, h100.bf16Flops)).toBe(40_597);
  });

  test("one output token: 16.1 GB / (3.35 TB/s × 0.8) = 6.0 ms (bf16); fp8 weights halve it", () => {
    expect(defaultPerTokenUs(llama.bytes, h100.memoryBytesPerSecond)).toBe(6_008);
    expect(modelBytes(llama, "fp8")).toBe(8.03e9);
    expect(defaultPerTokenUs(modelBytes(llama, "fp8"), h100.memoryBytesPerSecond)).toBe(2_997);
  });

  test("the catalog's published sizes: 16.1 GB bf16 (S), DeepSeek-R1 689 GB at its native fp8", () => {
    expect(modelBytes(llama)).toBe(16.1e9);
    expect(modelBytes(modelByName("deepseek-r1"))).toBe(689e9);
    expect(modelBytes(modelByName("llama-3.1-70b"), "int4")).toBe(35.3e9);
    expect(() => modelByName("llama-4")).toThrow("unknown model: llama-4");
  });
});

describe("on MIG instances", () => {
  const m: ServiceModel = { prefillUs: 40_000, perTokenUs: 3_000, outputTokens: 200, outputDistribution: "fixed" };
  test.for([
    ["1g.10gb", 280_000, 200 * 3_000 * 8],
    ["1g.20gb", 280_000, 200 * 3_000 * 4],
    ["3g.40gb", Math.round(40_000 / (3 / 7)), 200 * 3_000 * 2],
    ["7g.80gb", 40_000, 200 * 3_000],
  ] as const)("%s: prefill %i µs, 200 tokens %i µs", ([name, prefill, decode]) => {
    const p = migProfile("h100-sxm", name);
    expect(prefillOn(m, computeShare(p))).toBe(prefill);
    expect(decodeOn(m, 200, memoryShare(p))).toBe(decode);
  });
});
