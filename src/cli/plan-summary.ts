/**
 * The readable plan report for a terminal: the goal and the noise rule, the search counts, the chosen design (or
 * "no design meets the goal" and the closest one), the frontier, every design with its status and reason, and
 * the finance answers.
 */
import type { DesignRow, PlanReport } from "../scenarios/plan/report.ts";

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
  lines.push(`${p.scenario}: plan for ${p.goal.text}, minimising ${p.goal.minimise}`);
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
      `  ${p.goal.minimise} ${usd(m.objectiveUsd)}, utilisation ${pct(m.utilisation)} (${m.goalBasis === "mean of 1 run" ? "1 run" : `95%: ${pct(m.utilisationLow)}–${pct(m.utilisationHigh)}`}), ` +
        `completion ${num(m.wallHours, 2)} h, storage ${usd(chosen.storageMonthlyUsd ?? 0)}/month, run cost ${usd(m.totalUsd)}`,
    );
  }
  lines.push("");
  lines.push("Frontier (cost vs utilisation: simulated designs that no other beats on both, cheapest first):");
  lines.push(
    ...table(
      ["# ", "design", `${p.goal.minimise} `, "utilisation ", "completion ", "storage/month "],
      p.frontier.map((r) => [String(r.id), r.label, ...metricCells(r), usd(r.storageMonthlyUsd ?? 0)]),
    ),
  );
  lines.push("");
  lines.push("Designs (why each is not chosen):");
  lines.push(
    ...table(
      ["# ", "status", "design", `${p.goal.minimise} `, "utilisation ", "completion ", "why"],
      p.designs.map((r) => [String(r.id), r.status, r.label, ...metricCells(r), r.reason ?? ""]),
    ),
  );
  lines.push("");
  lines.push("Finance:");
  const idle = p.finance.idleCost;
  lines.push("  What does the idle cost (idle GPU-hours per year at the design's run rate, priced):");
  for (const [what, r] of [
    ["chosen", idle.chosen],
    ["cheapest rejected", idle.cheapestRejected],
  ] as const) {
    if (r === null) continue;
    const u = p.designs[r.id]!.metrics!.utilisation;
    lines.push(
      `    ${what} #${r.id} (utilisation ${pct(u)}): ${num(r.idleGpuHoursPerYear)} idle GPU-hours/year = ${usd(r.idleUsdPerYear)}/year`,
    );
  }
  if (!idle.chosen && !idle.cheapestRejected) lines.push("    (no design simulated)");
  const pb = p.finance.payback;
  lines.push("  Payback of a faster tier (the chosen design vs the next faster, costlier design on the frontier):");
  if (pb === null) lines.push("    none: no faster design on the frontier");
  else {
    const m = pb.paybackMonths;
    const when =
      m === null ? "never" : m < 1 ? `${num(m, 3)} months (${num(m * 30.4, 1)} days)` : `${num(m, 2)} months`;
    lines.push(
      `    #${pb.from} → #${pb.to}: storage +${usd(pb.extraStorageUsdPerMonth)}/month, idle GPU time −${usd(pb.idleUsdSavedPerMonth)}/month, ` +
        `net saving ${usd(pb.netUsdPerMonth)}/month → payback ${when}`,
    );
  }
  return lines.join("\n");
}
