/**
 * The results tab: the run's progress while it runs; then its warnings, how its alternatives compare (the
 * verdict and one row each — never a sum), and the chosen alternative in detail (alternative-detail.ts). A result
 * stored by an earlier stallsim (one summed headline) is not misread: the tab says so and offers a rerun.
 */
import type { Actions } from "../actions.ts";
import { csvUrl, runErrorText } from "../api-client.ts";
import { costVsUtilisation } from "../charts/cost-vs-utilisation.ts";
import { debounce, h, replaceChildren } from "../dom.ts";
import { formatHours, formatPercent, formatUsd } from "../format.ts";
import type { AppState, Store } from "../state.ts";
import { isCurrentResult, type RunSummary, type ScenarioResult } from "../types.ts";
import { alternativeDetail } from "./alternative-detail.ts";
import { chartCard, type ChartCard } from "./chart-card.ts";
import { progressBar } from "./progress-view.ts";

export function mountResultsView(root: HTMLElement, store: Store, actions: Actions): void {
  let cards: ChartCard[] = [];
  let shown: unknown = null;
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
    const key = [s.result, s.alternative];
    if (s.result && shown !== null && (shown as unknown[])[0] === key[0] && (shown as unknown[])[1] === key[1]) return;
    shown = s.result ? key : null;
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
    if (!isCurrentResult(s.result)) {
      cards = [];
      replaceChildren(
        root,
        head,
        h(
          "p",
          { class: "run-error legacy" },
          "This run was stored by an earlier version of stallsim, whose result added alternatives together. ",
          "Rerun it to see each alternative on its own.",
        ),
        h("button", { class: "primary", onclick: () => void actions.rerun(s.run!.id) }, "Rerun"),
      );
      return;
    }
    const r = s.result;
    const selected = r.alternatives.find((a) => a.name === s.alternative) ?? r.alternatives[0]!;
    const compare = r.alternatives.length > 1 ? comparison(r, selected.name, actions) : null;
    const detail = alternativeDetail(selected, r, s.run.name);
    cards = [...(compare?.cards ?? []), ...detail.cards];
    replaceChildren(root, head, warnings(r), compare?.element ?? null, detail.element);
    for (const c of cards) c.redraw();
  };
  store.subscribe(["run", "result", "alternative"], render);
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
      `run ${run.id} · seed ${run.seed}`,
      run.replications > 1 ? ` · ${run.replications} replications` : "",
      run.fidelity ? ` · ${run.fidelity}` : "",
    ),
    h("span", { class: "spacer" }),
    active
      ? h("button", { class: "cancel-run", onclick: () => void actions.deleteRun(run.id) }, "Cancel and delete")
      : null,
    done
      ? h("a", { class: "button", href: csvUrl(run.id), download: `${run.name}-${run.id}.csv` }, "Download CSV")
      : null,
    done
      ? h("a", { class: "button", href: `/api/runs/${encodeURIComponent(run.id)}/result`, target: "_blank" }, "JSON")
      : null,
  );
}

/** Settings that are valid but almost surely not meant. */
function warnings(r: ScenarioResult): HTMLElement | null {
  if (r.warnings.length === 0) return null;
  const path = (p: (string | number)[]) =>
    p.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
  return h(
    "section",
    { class: "card warnings", "data-card": "warnings" },
    h("h3", {}, `Warnings (${r.warnings.length})`),
    h(
      "ul",
      {},
      r.warnings.map((w) => h("li", { "data-code": w.code }, h("code", {}, path(w.path)), `: ${w.message}`)),
    ),
  );
}

/** The alternatives side by side: the verdict, one row each (click to show it), cost against utilisation. */
function comparison(
  r: ScenarioResult,
  selected: string,
  actions: Actions,
): { element: HTMLElement; cards: ChartCard[] } {
  const what =
    r.comparison.basis === "designs"
      ? `${r.alternatives.length} designs, each on its own copy of the cluster`
      : `${r.alternatives.length} workloads, each run alone on its own nodes and storage`;
  const chart = chartCard({
    title: "Cost to finish vs utilisation",
    filename: `${r.scenario}-alternatives`,
    draw: (width) =>
      costVsUtilisation(
        r.alternatives.map((a) => ({ label: a.name, utilisation: a.utilisation, totalUsd: a.cost.totalUsd })),
        { width },
      ),
  });
  const rows = r.alternatives.map((a) =>
    h(
      "tr",
      { class: a.name === selected ? "selected" : "", "data-alternative": a.name },
      h(
        "th",
        { scope: "row" },
        h("button", { class: "link", onclick: () => actions.showAlternative(a.name) }, a.name),
        a.name === r.comparison.cheapest ? h("span", { class: "tag" }, "cheapest") : null,
        a.name === r.comparison.bestForGoal ? h("span", { class: "tag goal" }, "best for the goal") : null,
      ),
      h("td", {}, formatPercent(a.utilisation)),
      h("td", {}, formatUsd(a.cost.totalUsd)),
      h("td", {}, formatHours(a.wallHours)),
      h("td", {}, formatUsd(a.cost.runRate.perMonthUsd)),
      h("td", {}, formatUsd(a.cost.runRate.idlePerYearUsd)),
    ),
  );
  const element = h(
    "section",
    { class: "card comparison", "data-card": "comparison" },
    h("h3", {}, `Compared side by side: ${what} (never added)`),
    r.comparison.verdict ? h("p", { class: "verdict" }, r.comparison.verdict) : null,
    h(
      "table",
      { class: "data-table", "aria-label": "Alternatives" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Alternative", "Utilisation", "Cost to finish", "Wall time", "Run rate / month*", "Idle $ / year*"].map(
            (c) => h("th", { scope: "col" }, c),
          ),
        ),
      ),
      h("tbody", {}, rows),
    ),
    h("p", { class: "assumption" }, "* if it ran like this all month or all year"),
    h("div", { class: "chart-grid" }, chart.element),
  );
  return { element, cards: [chart] };
}
