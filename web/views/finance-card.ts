/**
 * The finance view of one alternative: what its idle GPU time costs by cause in this run, per month and per year
 * (the run rate: "if it ran like this all month / all year", stated), a chart of the yearly figures, and the same
 * GPUs owned instead of rented — the purchase price per GPU and the years it is spread over are inputs, so a
 * reader can check the seed article's "a $40,000 GPU idle 25% of the time misses $10,000 of value a year" (that is
 * a one-year life) against their own numbers.
 */
import * as Plot from "@observablehq/plot";
import { baseOptions } from "../charts/chart-options.ts";
import { CAUSE_COLOR, CAUSE_LABEL, IDLE_CAUSES } from "../charts/causes.ts";
import { h, replaceChildren } from "../dom.ts";
import { formatPercent, formatUsd, usdTickFormat, usdTicks } from "../format.ts";
import type { AlternativeResult } from "../types.ts";
import { chartCard, type ChartCard } from "./chart-card.ts";
import { table } from "./result-tables.ts";

const HOURS_PER_YEAR = 8760;

/** Owned-GPU figures for a purchase price and a life, from the alternative's GPU time. */
export function ownedView(a: AlternativeResult, capexUsdPerGpu: number, lifeYears: number) {
  const idleShare = a.gpuHours.total > 0 ? 1 - a.gpuHours.byCause.compute / a.gpuHours.total : 0;
  const usdPerGpuHour = capexUsdPerGpu / (lifeYears * HOURS_PER_YEAR);
  const rentedUsdPerGpuHour = a.gpuHours.total > 0 ? a.cost.gpuUsd / a.gpuHours.total : 0;
  return {
    idleShare,
    usdPerGpuHour,
    rentedUsdPerGpuHour,
    /** Idle value per GPU-year: idle share × capex ÷ life. */
    ownedIdlePerGpuYear: idleShare * (capexUsdPerGpu / lifeYears),
    /** Rented: idle share × price × 8,760 h. */
    rentedIdlePerGpuYear: idleShare * rentedUsdPerGpuHour * HOURS_PER_YEAR,
    ownedIdlePerYear: idleShare * (capexUsdPerGpu / lifeYears) * a.gpus,
    rentedIdlePerYear: a.cost.runRate.idlePerYearUsd,
  };
}

/** The finance card and its chart (redraw the chart on resize). */
export function financeCard(a: AlternativeResult): { element: HTMLElement; chart: ChartCard } {
  const rate = a.cost.runRate;
  const causes = IDLE_CAUSES.filter((c) => a.gpuHours.byCause[c] > 0);
  const rows = causes.map((c) => [
    CAUSE_LABEL[c],
    formatUsd(a.cost.gpuUsdByCause[c]),
    formatUsd(rate.idlePerMonthUsdByCause[c] ?? 0),
    formatUsd(rate.idlePerYearUsdByCause[c] ?? 0),
  ]);
  rows.push([
    "All idle GPU time",
    formatUsd(a.cost.idleUsd),
    formatUsd(rate.idlePerMonthUsd),
    formatUsd(rate.idlePerYearUsd),
  ]);
  const chart = chartCard({
    title: "Idle GPU cost per year by cause (if it ran like this all year)",
    filename: `${a.name}-idle-cost-per-year`,
    className: "wide",
    draw: (width) => {
      if (causes.length === 0) return "No idle GPU time.";
      const data = causes.map((c) => ({
        cause: CAUSE_LABEL[c],
        usd: rate.idlePerYearUsdByCause[c] ?? 0,
        color: CAUSE_COLOR[c],
      }));
      return Plot.plot({
        ...baseOptions({ width }),
        height: 50 + causes.length * 30,
        marginLeft: 150,
        x: {
          label: "USD per year →",
          grid: true,
          tickFormat: usdTickFormat(Math.max(...data.map((d) => d.usd))),
          ticks: usdTicks(width - 170),
          nice: true,
        },
        y: { label: null, domain: data.map((d) => d.cause) },
        marks: [
          Plot.barX(data, {
            x: "usd",
            y: "cause",
            fill: "color",
            title: (d: (typeof data)[number]) => `${d.cause}: ${formatUsd(d.usd)}/year`,
            tip: true,
          }),
          Plot.ruleX([0]),
        ],
      });
    },
  });
  const capex = h("input", {
    type: "number",
    min: "0",
    step: "1000",
    value: String(Math.round(a.cost.owned.capexUsdPerGpu)),
    "aria-label": "purchase price per GPU (USD)",
  });
  const life = h("input", {
    type: "number",
    min: "0.5",
    max: "20",
    step: "0.5",
    value: String(a.cost.owned.lifeYears),
    "aria-label": "life (years)",
  });
  const owned = h("div", { class: "owned-result" });
  const update = () => {
    const v = ownedView(a, Number(capex.value) || 0, Math.max(0.1, Number(life.value) || 1));
    replaceChildren(
      owned,
      h(
        "p",
        {},
        `Idle share ${formatPercent(v.idleShare)}. Owned: ${formatUsd(v.usdPerGpuHour)} per GPU-hour (price ÷ life ÷ 8,760 h; capex only, no power or hosting), `,
        `so idle time is worth ${formatUsd(v.ownedIdlePerGpuYear)} per GPU-year and ${formatUsd(v.ownedIdlePerYear)} a year for its ${a.gpus} GPUs. `,
        `Rented at ${formatUsd(v.rentedUsdPerGpuHour)} per GPU-hour: ${formatUsd(v.rentedIdlePerGpuYear)} per GPU-year, ${formatUsd(v.rentedIdlePerYear)} a year.`,
      ),
    );
  };
  capex.addEventListener("input", update);
  life.addEventListener("input", update);
  update();
  const element = h(
    "section",
    { class: "card finance", "data-card": "finance" },
    h("h3", {}, "Finance"),
    h(
      "p",
      { class: "assumption" },
      "Per month and per year: if it ran like this all month or all year (this run's cost per wall hour × 730 h or × 8,760 h). This run: what the simulated run cost.",
    ),
    table(["Idle cause", "This run", "Per month", "Per year"], rows, "Idle GPU cost by cause"),
    h(
      "div",
      { class: "owned" },
      h("h4", {}, "Owned instead of rented"),
      h("label", {}, "Purchase price per GPU (USD) ", capex),
      h("label", {}, " Life (years) ", life),
      owned,
    ),
  );
  return { element, chart };
}
