/**
 * `stallsim list [--json]`: bundled scenarios, storage presets, node types and GPUs.
 */
import { NODE_TYPES } from "../../models/cluster/node-types.ts";
import { GPUS } from "../../models/gpu/catalog.ts";
import { STORAGE_PRESETS } from "../../models/storage/presets/index.ts";
import { bundledNames, loadScenario } from "../../scenarios/bundled.ts";
import { out } from "../io.ts";

const gbps = (b: number): string => (Number.isFinite(b) ? `${(b / 1e9).toFixed(2)} GB/s` : "unlimited");

export async function list(json: boolean): Promise<number> {
  const scenarios = [];
  for (const name of bundledNames()) {
    const { data } = await loadScenario(name);
    scenarios.push({ name, description: String((data as { description?: unknown }).description ?? "") });
  }
  const storage = STORAGE_PRESETS.map((p) => ({
    name: p.name,
    title: p.title,
    category: p.category,
    accessModes: p.accessModes,
    volumeReadBytesPerSecond: p.volume.read.bytesPerSecond,
    aggregateReadBytesPerSecond: p.aggregate.read.bytesPerSecond,
    readLatencyUs: p.latency.read.baseLatencyUs,
  }));
  const nodeTypes = NODE_TYPES.map((n) => ({ name: n.name, gpu: n.gpu, gpusPerNode: n.gpusPerNode }));
  const gpus = GPUS.map((g) => ({ name: g.name, title: g.title, usdPerHour: g.usdPerHour, priceAsOf: g.priceAsOf }));
  if (json) {
    // Infinity is not JSON: unlimited ceilings are null.
    out(JSON.stringify({ scenarios, storage, nodeTypes, gpus }, (_k, v) => (v === Infinity ? null : v)));
    return 0;
  }
  out("Bundled scenarios (stallsim run NAME):");
  for (const s of scenarios) out(`  ${s.name.padEnd(34)} ${s.description.split("\n")[0]}`);
  out("\nStorage presets (storage.<binding>.preset):");
  for (const p of STORAGE_PRESETS) {
    out(
      `  ${p.name.padEnd(28)} ${p.category.padEnd(18)} volume read ${gbps(p.volume.read.bytesPerSecond).padEnd(12)} ${p.title}`,
    );
  }
  out("\nNode types (cluster.nodeType):");
  for (const n of NODE_TYPES) out(`  ${n.name.padEnd(20)} ${n.gpusPerNode} × ${n.gpu}`);
  out("\nGPUs:");
  for (const g of GPUS) out(`  ${g.name.padEnd(12)} $${g.usdPerHour.toFixed(2)}/GPU-h (${g.priceAsOf})  ${g.title}`);
  return 0;
}
