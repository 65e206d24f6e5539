/**
 * Weighted max-min fair rate allocation over several capacity constraints at once (progressive filling).
 *
 * Every flow crosses a list of constraints (e.g. backend aggregate bandwidth, a volume's cap, a node's
 * NIC) and may have its own rate cap and a weight (I/O priority). All unfrozen flows grow together at
 * rate `weight × λ` as the fill level λ rises; a constraint saturates when
 * `frozenRate + λ × unfrozenWeight = capacity`, freezing every unfrozen flow that crosses it; a capped
 * flow freezes when `weight × λ` reaches its cap. The result is the unique weighted max-min fair
 * allocation: no constraint is exceeded and every flow is bottlenecked — at its cap, or at a saturated
 * constraint on which no other flow has a larger rate per unit weight.
 *
 * Complexity: O(P + (m + c) log(m + c)) in practice for m constraints, c capped flows and P = Σ path
 * lengths, using a lazy min-heap of saturation levels. A constraint's level only rises as flows freeze
 * elsewhere, so its heap entry stays a valid lower bound: an update only bumps a version, and an entry
 * popped with an old version is re-pushed at the constraint's current level.
 *
 * Pure function: no engine, no time. Units are the caller's (stallsim uses bytes per second).
 */

/** The allocation problem, in compressed-sparse-row form so large instances allocate little. */
export interface MaxMinProblem {
  /** Capacity of each constraint (≥ 0). */
  readonly capacities: ArrayLike<number>;
  /** Number of flows. */
  readonly flowCount: number;
  /** Weight of each flow (> 0). */
  readonly weights: ArrayLike<number>;
  /** Rate cap of each flow (> 0 or Infinity for none). */
  readonly caps: ArrayLike<number>;
  /** Flow f crosses constraints `pathIndex[pathStart[f]] … pathIndex[pathStart[f+1] - 1]`. Length flowCount+1. */
  readonly pathStart: ArrayLike<number>;
  /** Concatenated constraint indices of all flows' paths. */
  readonly pathIndex: ArrayLike<number>;
}

/** The allocation: `rates[f]`, and `bottleneck[f]` = the saturated constraint that froze f, or −1 for its cap. */
export interface MaxMinResult {
  rates: Float64Array;
  bottleneck: Int32Array;
}

/** Reusable scratch memory, so repeated allocations (one per flow start/end) do not churn the GC. */
export class MaxMinScratch {
  residual = new Float64Array(0);
  weight = new Float64Array(0);
  weight0 = new Float64Array(0);
  count = new Int32Array(0);
  version = new Int32Array(0);
  revStart = new Int32Array(0);
  revFlows = new Int32Array(0);
  heapKey = new Float64Array(0);
  heapId = new Int32Array(0);
  heapVer = new Int32Array(0);

  ensure(m: number, n: number, p: number): void {
    if (this.residual.length < m) {
      const c = Math.max(m, this.residual.length * 2);
      this.residual = new Float64Array(c);
      this.weight = new Float64Array(c);
      this.weight0 = new Float64Array(c);
      this.count = new Int32Array(c);
      this.version = new Int32Array(c);
      this.revStart = new Int32Array(c + 1);
    }
    if (this.revFlows.length < p) this.revFlows = new Int32Array(Math.max(p, this.revFlows.length * 2));
    const h = m + n + p + 1;
    if (this.heapKey.length < h) {
      const c = Math.max(h, this.heapKey.length * 2);
      this.heapKey = new Float64Array(c);
      this.heapId = new Int32Array(c);
      this.heapVer = new Int32Array(c);
    }
  }
}

/**
 * Computes the weighted max-min fair rates. `out` (if given) is reused when large enough.
 * @throws RangeError on a negative capacity, a non-positive weight or cap, an index out of range, or a flow
 *   with neither a constraint nor a finite cap (its rate would be unbounded).
 */
export function maxMinRates(problem: MaxMinProblem, scratch = new MaxMinScratch(), out?: MaxMinResult): MaxMinResult {
  const { capacities, flowCount: n, weights, caps, pathStart, pathIndex } = problem;
  const m = capacities.length;
  const p = pathStart[n]!;
  scratch.ensure(m, n, p);
  const res =
    out !== undefined && out.rates.length >= n
      ? out
      : { rates: new Float64Array(Math.max(n, 1)), bottleneck: new Int32Array(Math.max(n, 1)) };
  const { rates, bottleneck } = res;
  const { residual, weight, weight0, count, version, revStart, revFlows, heapKey, heapId, heapVer } = scratch;

  for (let j = 0; j < m; j++) {
    const c = capacities[j]!;
    if (!(c >= 0)) throw new RangeError(`invalid capacity of constraint ${j}: ${c}`);
    residual[j] = c;
    weight[j] = 0;
    count[j] = 0;
    version[j] = 0;
  }
  // Reverse index (constraint -> flows) by counting sort.
  for (let f = 0; f < n; f++) {
    const w = weights[f]!;
    if (!(w > 0 && w < Infinity)) throw new RangeError(`invalid weight of flow ${f}: ${w}`);
    const cap = caps[f]!;
    if (!(cap > 0)) throw new RangeError(`invalid rate cap of flow ${f}: ${cap}`);
    const a = pathStart[f]!;
    const b = pathStart[f + 1]!;
    if (a === b && cap === Infinity) throw new RangeError(`unbounded flow ${f}: no constraint and no rate cap`);
    for (let k = a; k < b; k++) {
      const j = pathIndex[k]!;
      if (!(j >= 0 && j < m)) throw new RangeError(`invalid constraint index of flow ${f}: ${j}`);
      count[j]!++;
      weight[j]! += w;
    }
    rates[f] = -1; // unfrozen marker
    bottleneck[f] = -1;
  }
  revStart[0] = 0;
  for (let j = 0; j < m; j++) revStart[j + 1] = revStart[j]! + count[j]!;
  for (let j = 0; j < m; j++) version[j] = revStart[j]!; // temporary fill cursor
  for (let f = 0; f < n; f++) {
    for (let k = pathStart[f]!, b = pathStart[f + 1]!; k < b; k++) {
      const j = pathIndex[k]!;
      revFlows[version[j]!++] = f;
    }
  }
  for (let j = 0; j < m; j++) {
    version[j] = 0;
    weight0[j] = weight[j]!;
  }

  // Lazy min-heap of (level, id, version); ids < m are constraints, ids ≥ m are capped flows (id - m).
  let hn = 0;
  const push = (key: number, id: number, ver: number): void => {
    let i = hn++;
    while (i > 0) {
      const q = (i - 1) >> 1;
      const qk = heapKey[q]!;
      if (qk < key || (qk === key && heapId[q]! <= id)) break;
      heapKey[i] = qk;
      heapId[i] = heapId[q]!;
      heapVer[i] = heapVer[q]!;
      i = q;
    }
    heapKey[i] = key;
    heapId[i] = id;
    heapVer[i] = ver;
  };
  const popTop = (): void => {
    const last = --hn;
    if (last === 0) return;
    const key = heapKey[last]!;
    const id = heapId[last]!;
    const ver = heapVer[last]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last && (heapKey[r]! < heapKey[c]! || (heapKey[r] === heapKey[c] && heapId[r]! < heapId[c]!))) c = r;
      if (key < heapKey[c]! || (key === heapKey[c] && id <= heapId[c]!)) break;
      heapKey[i] = heapKey[c]!;
      heapId[i] = heapId[c]!;
      heapVer[i] = heapVer[c]!;
      i = c;
    }
    heapKey[i] = key;
    heapId[i] = id;
    heapVer[i] = ver;
  };

  for (let j = 0; j < m; j++) if (count[j]! > 0) push(residual[j]! / weight[j]!, j, 0);
  for (let f = 0; f < n; f++) {
    const cap = caps[f]!;
    if (cap !== Infinity) push(cap / weights[f]!, m + f, 0);
  }

  let level = 0;
  // Freezes flow f at rate r and updates every other constraint it crosses.
  const freeze = (f: number, r: number, by: number): void => {
    rates[f] = r;
    bottleneck[f] = by;
    const w = weights[f]!;
    for (let k = pathStart[f]!, b = pathStart[f + 1]!; k < b; k++) {
      const j = pathIndex[k]!;
      if (j === by) continue;
      residual[j]! -= r;
      weight[j]! -= w;
      // The constraint's level rose; its heap entry is now a stale lower bound, re-pushed when popped.
      if (--count[j]! > 0) version[j]!++;
    }
  };

  const recount = (j: number): void => {
    let w = 0;
    let used = 0;
    for (let k = revStart[j]!, b = revStart[j + 1]!; k < b; k++) {
      const f = revFlows[k]!;
      const r = rates[f]!;
      if (r < 0) w += weights[f]!;
      else used += r;
    }
    weight[j] = w;
    residual[j] = capacities[j]! - used;
    weight0[j] = w;
  };

  while (hn > 0) {
    const key = heapKey[0]!;
    const id = heapId[0]!;
    const ver = heapVer[0]!;
    popTop();
    if (id < m) {
      if (count[id]! === 0) continue; // drained: all its flows froze elsewhere
      if (ver !== version[id]) {
        // Running sums lose a small weight next to a huge one (weights 1e12 and 1e-6): when most of the
        // weight has frozen away, recompute the constraint's unfrozen weight and residual exactly.
        if (weight[id]! <= weight0[id]! * 1e-6) recount(id);
        const lv = residual[id]! / weight[id]!;
        push(lv > level ? lv : level, id, version[id]!);
        continue;
      }
      level = key > level ? key : level;
      for (let k = revStart[id]!, b = revStart[id + 1]!; k < b; k++) {
        const f = revFlows[k]!;
        if (rates[f]! < 0) freeze(f, weights[f]! * level, id);
      }
      count[id] = 0;
    } else {
      const f = id - m;
      if (rates[f]! >= 0) continue; // frozen earlier by a constraint
      level = key > level ? key : level;
      freeze(f, caps[f]!, -1);
    }
  }
  return res;
}
