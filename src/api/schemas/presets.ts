/**
 * Catalog schemas: storage presets, GPUs and node types as the models define them (src/models), each with
 * its sources. Typed loosely beyond the common fields; unlimited figures are null.
 */
import { z } from "zod";

/** A citation: what, where, and the confidence tag (S read, D derived, M from memory). */
export const SourceJson = z.object({ what: z.string(), ref: z.string(), tag: z.enum(["S", "D", "M"]) });

const entry = z.looseObject({ name: z.string(), title: z.string(), sources: z.array(SourceJson) });

export const Presets = z.object({
  /** Storage presets (`storage.<b>.preset`): the full StorageProfile. */
  storage: z.array(entry),
  /** GPU catalog. */
  gpus: z.array(entry),
  /** Node types (`cluster.nodeType`). */
  nodeTypes: z.array(entry),
});
