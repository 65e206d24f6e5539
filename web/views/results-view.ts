/**
 * The results tab: the run's progress while it runs; then the key numbers, the diagnosis, the charts
 * (GPU time by cause in hours or $, utilisation over time, the checkpoint/failure timeline, storage
 * throughput) and the per-job and per-binding tables, with CSV and chart downloads.
 */
import type { Actions } from "../actions.ts";
import { csvUrl, runErrorText } from "../api-client.ts";
import { eventTimeline } from "../charts/event-timeline.ts";
import { gpuTimeByCause } from "../charts/gpu-time-by-cause.ts";
import { storageThroughput } from "../charts/storage-throughput.ts";
import { utilisationOverTime } from "../charts/utilisation-over-time.ts";
import { causeRows, eventRows, throughputRows, utilisationSeries } from "../derive.ts";
import { debounce, h, replaceChildren } from "../dom.ts";
import { formatHours, formatNumber, formatPercent, formatUsd } from "../format.ts";
import type { AppState, Store } from "../state.ts";
import type { RunResult, RunSummary } from "../types.ts";
import { chartCard, type ChartCard } from "./chart-card.ts";
import { progressBar } from "./progress-view.ts";
import { jobsTable, storageTable } from "./result-tables.ts";

const NO_TIMELINE = "No timeline in this result (it was stored before runs recorded one).";

export function mountResultsView(root: HTMLElement, store: Store, actions: Actions): void {
  let cards: ChartCard[] = [];
  let shown: RunResult | null = null;
  const render = (s: AppState) => {
    if (!s.run) {
      cards = [];
      shown = null;
      replaceChildren(
        root,
        h("p", { class: "placeholder" }, "Run a scenario, or open a run from the history, to see its results here."),
      );
      return;
    }
    if (s.result && s.result === shown) return;
    shown = s.result;
    const head = header(s.run, actions);
    if (!s.result) {
      cards = [];
      const body =
        s.run.status === "failed" || s.run.status === "cancelled"
          ? h("p", { class: "run-error" }, runErrorText(s.run))
          : progressBar(s.run);
      replaceChildren(root, head, body);
      return;
    }
    cards = resultCards(s.result, s.run.name);
    replaceChildren(
      root,
      head,
      keyNumbers(s.result),
      diagnosis(s.result),
      h(
        "div",
        { class: "chart-grid" },
        cards.map((c) => c.element),
      ),
      h("h2", {}, "Jobs"),
      jobsTable(s.result),
      h("h2", {}, "Storage"),
      storageTable(s.result),
    );
    for (const c of cards) c.redraw();
  };
  store.subscribe(["run", "result"], render);
  window.addEventListener(
    "resize",
    debounce(() => cards.forEach((c) => c.redraw()), 200),
  );
  render(store.get());
}

function header(run: RunSummary, actions: Actions): HTMLElement {
  const done = run.status === "done";
  const active = run.status === "queued" || run.status === "running";
  return h(
    "div",
    { class: "toolbar" },
    h("h1", {}, run.name),
    h("span", { class: `badge status-${run.status}` }, run.status),
    h(
      "span",
      { class: "run-meta" },
      `run ${run.id.slice(0, 8)} · seed ${run.seed}`,
      run.replications > 1 ? ` · ${run.replications} replications` : "",
      run.fidelity ? ` · ${run.fidelity}` : "",
    ),
    h("span", { class: "spacer" }),
    active
      ? h("button", { class: "cancel-run", onclick: () => void actions.deleteRun(run.id) }, "Cancel and delete")
      : null,
    done
      ? h(
          "a",
          { class: "button", href: csvUrl(run.id), download: `${run.name}-${run.id.slice(0, 8)}.csv` },
          "Download CSV",
        )
      : null,
    done
      ? h("a", { class: "button", href: `/api/runs/${encodeURIComponent(run.id)}/result`, target: "_blank" }, "JSON")
      : null,
  );
}

function keyNumbers(r: RunResult): HTMLElement {
  const idleHours = r.gpuHours.total - r.gpuHours.byCause.compute;
  const ci = r.confidence?.utilisation;
  const tile = (label: string, value: string, sub: string, key: string) =>
    h(
      "div",
      { class: "kpi", "data-kpi": key },
      h("span", { class: "kpi-label" }, label),
      h("span", { class: "kpi-value" }, value),
      h("span", { class: "kpi-sub" }, sub),
    );
  return h(
    "div",
    { class: "kpis" },
    tile(
      "GPU utilisation",
      formatPercent(r.utilisation),
      ci ? `95% CI ${formatPercent(ci.low)}–${formatPercent(ci.high)}` : "compute ÷ allocated GPU time",
      "utilisation",
    ),
    tile(
      "Total cost",
      formatUsd(r.cost.totalUsd),
      `GPUs ${formatUsd(r.cost.gpuUsd)} · storage ${formatUsd(r.cost.storageUsd)}`,
      "total",
    ),
    tile("Idle GPU cost / year", formatUsd(r.cost.idlePerYearUsd), "at this run rate", "idle-year"),
    tile(
      "Idle GPU time",
      `${formatNumber(idleHours, 1)} GPU-h`,
      `of ${formatNumber(r.gpuHours.total, 1)} GPU-h allocated`,
      "idle-hours",
    ),
    tile("Wall time", formatHours(r.wallHours), `${r.jobs.length} job${r.jobs.length === 1 ? "" : "s"}`, "wall"),
  );
}

function diagnosis(r: RunResult): HTMLElement {
  return h(
    "section",
    { class: "card diagnosis" },
    h("h3", {}, "Diagnosis"),
    r.diagnosis.length === 0
      ? h("p", {}, "No findings.")
      : h(
          "ul",
          {},
          r.diagnosis.map((d) => h("li", {}, d)),
        ),
  );
}

function resultCards(r: RunResult, name: string): ChartCard[] {
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
    draw: (width) => gpuTimeByCause(causeRows(r, unit), { unit, width }),
    className: "wide",
  });
  const setUnit = (value: "hours" | "usd") => {
    unit = value;
    hoursButton.setAttribute("aria-pressed", String(unit === "hours"));
    usdButton.setAttribute("aria-pressed", String(unit === "usd"));
    byCause.redraw();
  };
  const tl = r.timeline ?? null;
  const note = tl && tl.eventsDropped > 0 ? ` (${formatNumber(tl.eventsDropped, 0)} more not shown)` : "";
  return [
    byCause,
    chartCard({
      title: "Utilisation over time",
      filename: `${name}-utilisation`,
      draw: (width) => (tl ? utilisationOverTime(utilisationSeries(tl), { width, mean: r.utilisation }) : NO_TIMELINE),
    }),
    chartCard({
      title: "Storage throughput",
      filename: `${name}-storage-throughput`,
      draw: (width) => (tl ? storageThroughput(throughputRows(tl), { width }) : NO_TIMELINE),
    }),
    chartCard({
      title: `Checkpoints and failures${note}`,
      filename: `${name}-timeline`,
      className: "wide",
      draw: (width) =>
        tl
          ? eventTimeline(eventRows(tl), { width, jobs: r.jobs.map((j) => j.name), wallHours: r.wallHours })
          : NO_TIMELINE,
    }),
  ];
}
