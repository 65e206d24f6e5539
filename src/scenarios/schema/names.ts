/**
 * Catalog names in scenario files: a zod string that must name a GPU, node type or storage preset, with
 * a "did you mean" suggestion for a misspelling. The issue sits at the field's path like any other.
 */
import { z } from "zod";
import { NODE_TYPES } from "../../models/cluster/node-types.ts";
import { GPUS } from "../../models/gpu/catalog.ts";
import { STORAGE_PRESETS } from "../../models/storage/presets/index.ts";
import { unknownNameMessage } from "../suggest.ts";

function catalogName(kind: string, names: readonly string[]) {
  return z.string().superRefine((name, ctx) => {
    if (!names.includes(name)) ctx.addIssue({ code: "custom", message: unknownNameMessage(kind, name, names) });
  });
}

/** A storage preset name, e.g. `ebs-gp3`. */
export const zStoragePresetName = catalogName(
  "storage preset",
  STORAGE_PRESETS.map((p) => p.name),
);
/** A node type name, e.g. `p5.48xlarge`. */
export const zNodeTypeName = catalogName(
  "node type",
  NODE_TYPES.map((n) => n.name),
);
/** A GPU name, e.g. `h100-sxm`. */
export const zGpuName = catalogName(
  "gpu",
  GPUS.map((g) => g.name),
);
