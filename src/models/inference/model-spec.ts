/**
 * A served model as storage sees it: its weight files' size, from a catalog entry (model-catalog.ts) or given
 * directly. Canonical units: bytes, parameters (a count).
 */
import type { Source } from "../source.ts";

/** Numeric formats of the weights and their bytes per parameter (domain-facts §6.1). */
export const BYTES_PER_PARAMETER = { bf16: 2, fp16: 2, fp8: 1, int4: 0.5 } as const;

/** A weight precision. */
export type Precision = keyof typeof BYTES_PER_PARAMETER;

/** A model in the catalog. */
export interface ModelSpec {
  /** Catalog key, e.g. `llama-3.1-8b`. */
  readonly name: string;
  readonly title: string;
  /** Parameters (a count). */
  readonly parameters: number;
  /** The precision its published weights are in. */
  readonly nativePrecision: Precision;
  /** Size of the published weight files at `nativePrecision`, bytes. */
  readonly bytes: number;
  readonly sources: readonly Source[];
}

/**
 * Bytes of `model`'s weights at `precision`: the published files' size at the native precision, else
 * parameters × bytes per parameter.
 */
export function modelBytes(model: ModelSpec, precision: Precision = model.nativePrecision): number {
  return precision === model.nativePrecision ? model.bytes : model.parameters * BYTES_PER_PARAMETER[precision];
}
