/**
 * Page cache / node-local cache hit ratio for a dataset read in per-epoch shuffled order by N nodes.
 *
 * Model (stated assumptions): every epoch each node reads a fresh random 1/N of the dataset (a global
 * reshuffle, as PyTorch's DistributedSampler does); the cache keeps what the node has read, up to its size,
 * without thrashing (the best case of a "MinIO"-style policy; an LRU page cache under shuffling does worse —
 * see DS-Analyzer/CoorDL, VLDB'21). The first epoch starts cold. After e epochs a node has read
 * D·(1 − (1 − 1/N)^e) distinct bytes, so the hit ratio in epoch e is min(C, D·(1 − (1 − 1/N)^e)) / D.
 */

/** Hit ratio (0–1) in epoch `epoch` (0-based) for `cacheBytes` of cache per node. */
export function cacheHitRatio(epoch: number, cacheBytes: number, datasetBytes: number, nodes: number): number {
  if (!(datasetBytes > 0) || !(cacheBytes > 0) || epoch <= 0) return 0;
  const seen = datasetBytes * (1 - Math.pow(1 - 1 / Math.max(1, nodes), epoch));
  return Math.min(1, Math.min(cacheBytes, seen) / datasetBytes);
}

/**
 * The first epoch after `epoch` whose hit ratio is at least `delta` higher (or reaches the ratio's final
 * value), or Infinity when the ratio no longer changes by that much. Lets bulk-advance treat the hit ratio
 * as constant over groups of epochs (error below `delta`) instead of splitting at every epoch.
 */
export function nextHitRatioChange(
  epoch: number,
  cacheBytes: number,
  datasetBytes: number,
  nodes: number,
  delta: number,
): number {
  if (!(datasetBytes > 0) || !(cacheBytes > 0)) return Infinity;
  const now = cacheHitRatio(epoch, cacheBytes, datasetBytes, nodes);
  const final = Math.min(1, cacheBytes / datasetBytes);
  const target = Math.min(now + delta, final);
  if (target - now < 1e-12) return Infinity;
  const q = 1 - 1 / Math.max(1, nodes);
  if (q === 0) return Math.max(epoch + 1, 1);
  const e = Math.ceil(Math.log(1 - target) / Math.log(q) - 1e-9);
  return Math.max(epoch + 1, Number.isFinite(e) ? e : epoch + 1);
}
