/**
 * The readable plan report for a terminal: the goal and the noise rule, the search counts, the chosen design (or
 * "no design meets the goal" and the closest one), the frontier, every design with its status and reason, and
 * the finance answers.
 */
import type { DesignRow, PlanReport } from "../studies/plan/report.ts";

const usd = (x: number): string =>
  `${x < 0 ? "−" : ""}$${Math.abs(x).toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const num = (x: number, d = 0): string => x.toLocaleString("en-US", { maximumFractionDigits: d });

/** A table: columns padded to their widest cell; columns whose header ends in a space are right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const right = header.map((h) => h.endsWith(" "));
  const cells = [header.map((h) => h.trim()), ...rows];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  return cells.map(
    (r) =>
      "  " +
      r
        .map((c, i) => (i === r.length - 1 && !right[i] ? c : right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join("  ")
        .trimEnd(),
  );
}

function metricCells(r: DesignRow): string[] {
  const m = r.metrics;
  if (m === undefined) return ["—", "—", "—"];
  const band = m.utilisationLow !== m.utilisationHigh ? ` [${pct(m.utilisationLow)}–${pct(m.utilisationHigh)}]` : "";
  return [usd(m.objectiveUsd), `${pct(m.utilisation)}${band}`, `${m.wallHours.toFixed(1)} h`];
}

/** The terminal form of a plan report. */
export function formatPlan(p: PlanReport): string {
  const lines: string[] = [];
  const c = p.counts;
  lines.push(`${p.scenario}: plan for ${p.goal.text}, minimising the ${p.goal.objective}`);
  lines.push(`Noise: ${p.noise.rule}.`);
  lines.push(
    `Search (${p.strategy}): ${c.designs} designs, ${c.invalid} invalid; simulated ${c.simulated} (${c.runs} runs, ` +
      `${c.batches} batches) where exhaustive search simulates ${c.exhaustive}; pruned ${c.prunedInfeasible} as ` +
      `infeasible and ${c.prunedCostlier} as costlier.`,
  );
  lines.push("");
  const chosen = p.chosen ?? p.closest;
  lines.push(p.chosen ? `Chosen: ${p.verdict}` : `No design meets the goal (${p.goal.text}).`);
  if (chosen?.metrics) {
    const m = chosen.metrics;
    if (!p.chosen) lines.push(`Closest: #${chosen.id} ${chosen.label}: ${chosen.reason}`);
    lines.push(
      `  ${p.goal.objective} ${usd(m.objectiveUsd)}, utilisation ${pct(m.utilisation)} (${m.goalBasis === "mean of 1 run" ? "1 run" : `95%: ${pct(m.utilisationLow)}–${pct(m.utilisationHigh)}`}), ` +
        `completion ${num(m.wallHours, 2)} h, storage ${usd(chosen.storageMonthlyUsd ?? 0)}/month` +
        (p.goal.minimise === "totalUsd"
          ? `, run rate ${usd(m.perMonthUsd)}/month if it ran like this all month`
          : `, cost to finish ${usd(m.totalUsd)}`),
    );
  }
  const col = p.goal.minimise === "totalUsd" ? "cost to finish" : "run rate/month";
  lines.push("");
  lines.push("Frontier (cost vs utilisation: simulated designs that no other beats on both, cheapest first):");
  lines.push(
    ...table(
      ["# ", "design", `${col} `, "utilisation ", "completion ", "storage/month "],
      p.frontier.map((r) => [String(r.id), r.label, ...metricCells(r), usd(r.storageMonthlyUsd ?? 0)]),
    ),
  );
  lines.push("");
  lines.push("Designs (why each is not chosen):");
  lines.push(
    ...table(
      ["# ", "status", "design", `${col} `, "utilisation ", "completion ", "why"],
      p.designs.map((r) => [String(r.id), r.status, r.label, ...metricCells(r), r.reason ?? ""]),
    ),
  );
  lines.push("");
  lines.push("Finance:");
  const idle = p.finance.idleCost;
  lines.push("  What does the idle cost (non-compute GPU-hours of the run; per year: if it ran like this all year):");
  for (const [what, r] of [
    ["chosen", idle.chosen],
    ["cheapest rejected", idle.cheapestRejected],
  ] as const) {
    if (r === null) continue;
    const u = p.designs[r.id]!.metrics!.utilisation;
    lines.push(
      `    ${what} #${r.id} (utilisation ${pct(u)}): ${num(r.idleGpuHours)} idle GPU-hours = ${usd(r.idleUsd)} in this run; ` +
        `${num(r.idleGpuHoursPerYear)} idle GPU-hours/year = ${usd(r.idleUsdPerYear)}/year`,
    );
  }
  if (!idle.chosen && !idle.cheapestRejected) lines.push("    (no design simulated)");
  const t = p.finance.fasterTier;
  lines.push(
    "  What a faster tier buys (the chosen design vs the next costlier design on the frontier that finishes ≥ 1% sooner):",
  );
  if (t === null) lines.push("    none: no faster design on the frontier");
  else {
    const signed = (x: number) => `${x >= 0 ? "+" : "−"}${usd(Math.abs(x))}`;
    lines.push(
      `    #${t.from} → #${t.to}: storage ${signed(t.extraStorageUsdPerMonth)}/month; finishes ${num(t.hoursSooner, 1)} h sooner; ` +
        `cost to finish ${signed(t.costToFinishDeltaUsd)}`,
      `    at run rate: ${signed(t.runRateDeltaUsdPerMonth)}/month, of which idle GPU time ${signed(-t.idleUsdSavedPerMonth)}/month ` +
        `(GPUs are paid by the hour either way: the faster tier turns idle time into compute)`,
    );
  }
  return lines.join("\n");
}
