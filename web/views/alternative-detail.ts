/**
 * One alternative in detail: its key numbers (each saying what it means), its diagnosis, its charts — GPU time by
 * cause in GPU-hours or $, utilisation over time, storage throughput (weight loads for serving), the checkpoint
 * and failure timeline, and for serving the cold starts and the TTFT distribution — its finance card, and its
 * jobs, serving workloads and storage.
 */
import { eventTimeline } from "../charts/event-timeline.ts";
import { gpuTimeByCause } from "../charts/gpu-time-by-cause.ts";
import { modelLoads } from "../charts/model-loads.ts";
import { storageThroughput } from "../charts/storage-throughput.ts";
import { ttftHistogram } from "../charts/ttft-histogram.ts";
import { utilisationOverTime } from "../charts/utilisation-over-time.ts";
import { causeRows, eventRows, throughputRows, utilisationSeries } from "../derive.ts";
import { h } from "../dom.ts";
import { formatHours, formatNumber, formatPercent, formatUsd } from "../format.ts";
import type { AlternativeResult, ScenarioResult } from "../types.ts";
import { chartCard, type ChartCard } from "./chart-card.ts";
import { financeCard } from "./finance-card.ts";
import { jobsTable, servingTable, storageTable } from "./result-tables.ts";

const KIND: Record<AlternativeResult["kind"], string> = {
  job: "training job run alone",
  serving: "serving workload run alone",
  cluster: "cluster design",
};

export function alternativeDetail(
  a: AlternativeResult,
  r: ScenarioResult,
  runName: string,
): { element: HTMLElement; cards: ChartCard[] } {
  const name = `${runName}-${a.name}`;
  const charts = chartsOf(a, name);
  const finance = financeCard(a);
  const element = h(
    "div",
    { class: "alternative", "data-alternative": a.name },
    r.alternatives.length > 1
      ? h(
          "h2",
          { class: "alternative-title" },
          `${a.name} `,
          h("small", {}, `${KIND[a.kind]}, ${formatNumber(a.gpus, 2)} GPUs`),
        )
      : null,
    keyNumbers(a),
    h(
      "section",
      { class: "card diagnosis" },
      h("h3", {}, "Diagnosis"),
      h(
        "ul",
        {},
        a.diagnosis.map((d) => h("li", {}, d)),
      ),
    ),
    h(
      "div",
      { class: "chart-grid" },
      charts.map((c) => c.element),
    ),
    finance.element,
    h("div", { class: "chart-grid" }, finance.chart.element),
    a.jobs.length > 0 ? [h("h2", {}, "Jobs"), jobsTable(a)] : null,
    a.inference.length > 0 ? [h("h2", {}, "Serving workloads"), servingTable(a)] : null,
    h("h2", {}, "Storage"),
    storageTable(a),
    h("p", { class: "definitions" }, `Utilisation: ${r.definitions.utilisation}. Cost: ${r.definitions.cost}.`),
  );
  return { element, cards: [...charts, finance.chart] };
}

function keyNumbers(a: AlternativeResult): HTMLElement {
  const idleHours = a.gpuHours.total - a.gpuHours.byCause.compute;
  const ci = a.confidence?.utilisation;
  const tile = (label: string, value: string, sub: string, key: string) =>
    h(
      "div",
      { class: "kpi", "data-kpi": key },
      h("span", { class: "kpi-label" }, label),
      h("span", { class: "kpi-value" }, value),
      h("span", { class: "kpi-sub" }, sub),
    );
  const workloads = [
    a.jobs.length > 0 ? `${a.jobs.length} job${a.jobs.length === 1 ? "" : "s"}` : "",
    a.inference.length > 0 ? `${a.inference.length} serving` : "",
  ].filter((x) => x !== "");
  return h(
    "div",
    { class: "kpis" },
    tile(
      "GPU utilisation",
      formatPercent(a.utilisation),
      ci ? `95% CI ${formatPercent(ci.low)}–${formatPercent(ci.high)}` : "compute ÷ GPU time paid for",
      "utilisation",
    ),
    tile(
      "Cost to finish",
      formatUsd(a.cost.totalUsd),
      `GPUs ${formatUsd(a.cost.gpuUsd)} · storage ${formatUsd(a.cost.storageUsd)}`,
      "total",
    ),
    tile("Idle GPU cost / year", formatUsd(a.cost.runRate.idlePerYearUsd), "if it ran like this all year", "idle-year"),
    tile(
      "Idle GPU time",
      `${formatNumber(idleHours, idleHours < 10 ? 3 : 1)} GPU-h`,
      `of ${formatNumber(a.gpuHours.total, 1)} GPU-h paid for`,
      "idle-hours",
    ),
    tile("Wall time", formatHours(a.wallHours), `${formatNumber(a.gpus, 2)} GPUs · ${workloads.join(" · ")}`, "wall"),
  );
}

const NO_EVENTS = "No events in this run.";

function chartsOf(a: AlternativeResult, name: string): ChartCard[] {
  let unit: "hours" | "usd" = "hours";
  const toggle = (value: "hours" | "usd", text: string) =>
    h(
      "button",
      {
        class: "small toggle",
        "aria-pressed": String(value === unit),
        "data-unit": value,
        onclick: () => setUnit(value),
      },
      text,
    );
  const hoursButton = toggle("hours", "GPU-hours");
  const usdButton = toggle("usd", "$");
  const byCause = chartCard({
    title: "GPU time by cause",
    filename: `${name}-gpu-time-by-cause`,
    controls: [h("span", { class: "segmented", role: "group", "aria-label": "Unit" }, hoursButton, usdButton)],
    draw: (width) => gpuTimeByCause(causeRows(a, unit), { unit, width }),
    className: "wide",
  });
  const setUnit = (value: "hours" | "usd") => {
    unit = value;
    hoursButton.setAttribute("aria-pressed", String(unit === "hours"));
    usdButton.setAttribute("aria-pressed", String(unit === "usd"));
    byCause.redraw();
  };
  const tl = a.timeline;
  const note = tl.eventsDropped > 0 ? ` (${formatNumber(tl.eventsDropped, 0)} more not shown)` : "";
  const serving = a.inference.length > 0;
  const cards = [
    byCause,
    chartCard({
      title: "Utilisation over time",
      filename: `${name}-utilisation`,
      draw: (width) => utilisationOverTime(utilisationSeries(tl), { width, mean: a.utilisation }),
    }),
    chartCard({
      title: serving && a.jobs.length === 0 ? "Storage throughput (model weights loaded)" : "Storage throughput",
      filename: `${name}-storage-throughput`,
      draw: (width) => storageThroughput(throughputRows(tl), { width }),
    }),
  ];
  if (a.jobs.length > 0) {
    cards.push(
      chartCard({
        title: `Checkpoints and failures${note}`,
        filename: `${name}-timeline`,
        className: "wide",
        draw: (width) =>
          eventTimeline(
            eventRows(tl).filter((e) => e.kind !== "modelLoad"),
            { width, jobs: a.jobs.map((j) => j.name), wallHours: a.wallHours },
          ),
      }),
    );
  }
  for (const w of a.inference) {
    const events = eventRows(tl).filter((e) => e.job === w.name);
    cards.push(
      chartCard({
        title: `${w.name}: cold starts and model loads${note}`,
        filename: `${name}-${w.name}-cold-starts`,
        className: "wide",
        draw: (width) => (events.length === 0 ? NO_EVENTS : modelLoads(events, { width, wallHours: a.wallHours })),
      }),
      chartCard({
        title: `${w.name}: time to first token`,
        filename: `${name}-${w.name}-ttft`,
        draw: (width) => (w.ttftHistogram.counts.length === 0 ? "No request was served." : ttftHistogram(w, { width })),
      }),
    );
  }
  return cards;
}
