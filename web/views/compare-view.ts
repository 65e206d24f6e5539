/**
 * The compare tab: the runs ticked in the history side by side — one entry per alternative of each, labelled by
 * what sets it apart (the server's labels: the settings that differ, the seed; ids shown whole) — as a table, cost
 * to finish against utilisation, and idle GPU-hours by cause (grouped bars), from `GET /api/compare`.
 */
import { IDLE_CAUSES } from "../charts/causes.ts";
import { costVsUtilisation } from "../charts/cost-vs-utilisation.ts";
import { idleByCause } from "../charts/idle-by-cause.ts";
import { comparePoints, idleRows, type ComparePoint } from "../derive.ts";
import { debounce, h, replaceChildren } from "../dom.ts";
import { formatHours, formatNumber, formatPercent, formatUsd } from "../format.ts";
import type { AppState, Store } from "../state.ts";
import { chartCard, type ChartCard } from "./chart-card.ts";

export function mountCompareView(root: HTMLElement, store: Store): void {
  let cards: ChartCard[] = [];
  const render = (s: AppState) => {
    cards = [];
    const title = h("div", { class: "toolbar" }, h("h1", {}, "Compare runs"));
    if (s.compareIds.length < 2 && !s.compare) {
      replaceChildren(
        root,
        title,
        h("p", { class: "placeholder" }, "Tick two or more finished runs in the history, then press Compare."),
      );
      return;
    }
    if (!s.compare) {
      replaceChildren(root, title, h("p", { class: "placeholder" }, "Loading…"));
      return;
    }
    const points = comparePoints(s.compare);
    cards = [
      chartCard({
        title: "Cost vs utilisation",
        filename: "compare-cost-vs-utilisation",
        className: "wide",
        draw: (width) => costVsUtilisation(points, { width }),
      }),
      chartCard({
        title: "Idle GPU time by cause",
        filename: "compare-idle-by-cause",
        className: "wide",
        draw: (width) => idleByCause(idleRows(points), { width }),
      }),
    ];
    replaceChildren(
      root,
      title,
      compareTable(points),
      h("p", { class: "assumption" }, "* if it ran like this all year"),
      h(
        "div",
        { class: "chart-grid" },
        cards.map((c) => c.element),
      ),
    );
    for (const c of cards) c.redraw();
  };
  store.subscribe(["compare"], render);
  window.addEventListener(
    "resize",
    debounce(() => cards.forEach((c) => c.redraw()), 200),
  );
  render(store.get());
}

function compareTable(points: readonly ComparePoint[]): HTMLElement {
  return h(
    "table",
    { class: "data-table compare-table", "aria-label": "Compared runs" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        [
          "Compared",
          "Run",
          "Alternative",
          "Utilisation",
          "Cost to finish",
          "Idle GPU cost",
          "GPU-hours",
          "Wall time",
          "Idle $ / year*",
        ].map((c) => h("th", { scope: "col" }, c)),
      ),
    ),
    h(
      "tbody",
      {},
      points.map((p) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, p.label),
          h("td", { class: "run-id" }, p.id),
          h("td", {}, p.alternative),
          h("td", {}, formatPercent(p.utilisation)),
          h("td", {}, formatUsd(p.totalUsd)),
          h("td", {}, formatUsd(IDLE_CAUSES.reduce((s, c) => s + (p.gpuUsdByCause[c] ?? 0), 0))),
          h("td", {}, formatNumber(p.gpuHoursTotal, 1)),
          h("td", {}, formatHours(p.wallHours)),
          h("td", {}, formatUsd(p.idlePerYearUsd)),
        ),
      ),
    ),
  );
}
