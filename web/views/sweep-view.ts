/**
 * The Sweep tab: open (a file) or paste the JSON that `stallsim sweep … --json` or `stallsim merge … --json`
 * writes, and see it as a chart of one metric against the first parameter (the metric picked in the card)
 * and a table of every point. The UI runs no sweep: sweeps run on the CLI or as a Kubernetes Job, and this
 * tab only reads their output, in the browser.
 */
import type { Actions } from "../actions.ts";
import { SWEEP_METRICS, sweepMetric, sweepRows, type SweepMetric } from "../charts/sweep-metric.ts";
import { debounce, h, replaceChildren } from "../dom.ts";
import type { AppState, Store } from "../state.ts";
import type { SweepDocument } from "../sweep-doc.ts";
import { chartCard, type ChartCard, type ChartCardOptions } from "./chart-card.ts";
import { sweepTable } from "./sweep-table.ts";

export function mountSweepView(root: HTMLElement, store: Store, actions: Actions): void {
  let metric: SweepMetric = "utilisation";
  let card: ChartCard | null = null;

  const fileInput = h("input", {
    type: "file",
    accept: ".json,application/json",
    class: "sweep-file",
    hidden: true,
    onchange: () => void openFile(fileInput, actions),
  });
  const paste = h("textarea", {
    class: "sweep-paste",
    rows: 3,
    spellcheck: "false",
    placeholder: "…or paste the JSON of stallsim sweep --json here",
    "aria-label": "Sweep JSON",
  });
  const input = h(
    "div",
    { class: "sweep-input" },
    h("button", { class: "sweep-open", onclick: () => fileInput.click() }, "Open sweep JSON…"),
    fileInput,
    paste,
    h("button", { class: "sweep-show", onclick: () => actions.openSweep(paste.value, "pasted JSON") }, "Show"),
  );
  const help = h(
    "p",
    { class: "placeholder" },
    "Run a sweep on the command line or as a Kubernetes Job, e.g. ",
    h("code", {}, "stallsim sweep NAME --param 'jobs[0].data.workers=2,4,8' --json -o sweep.json"),
    " (or merge its shards with ",
    h("code", {}, "stallsim merge shard-*.json --json -o sweep.json"),
    "), then open the file here. The page plots it; it runs nothing.",
  );

  const render = (s: AppState) => {
    card = null;
    const error = s.sweepError ? h("p", { class: "sweep-error", role: "alert" }, s.sweepError) : null;
    const title = h("div", { class: "toolbar" }, h("h1", {}, s.sweep ? s.sweep.doc.sweep.scenario : "Sweep"));
    if (!s.sweep) {
      replaceChildren(root, title, input, error, help);
      return;
    }
    const { doc, label } = s.sweep;
    card = metricCard(
      doc,
      () => metric,
      (m) => (metric = m),
    );
    replaceChildren(
      root,
      title,
      input,
      error,
      h("p", { class: "run-meta sweep-meta" }, describe(doc, label)),
      h("div", { class: "chart-grid" }, card.element),
      sweepTable(doc),
    );
    card.redraw();
  };
  store.subscribe(["sweep", "sweepError"], render);
  window.addEventListener(
    "resize",
    debounce(() => card?.redraw(), 200),
  );
  render(store.get());
}

/** The chart card, with the metric picker among its controls. */
function metricCard(doc: SweepDocument, get: () => SweepMetric, set: (m: SweepMetric) => void): ChartCard {
  const picker = h(
    "select",
    { class: "small", "data-metric": "", "aria-label": "Metric" },
    (Object.keys(SWEEP_METRICS) as SweepMetric[]).map((m) =>
      h("option", { value: m, ...(m === get() ? { selected: true } : {}) }, SWEEP_METRICS[m].name),
    ),
  );
  const [first, ...others] = doc.sweep.params.map((p) => p.path);
  const lines = others.length > 0 ? `, a line per ${others.join(" and ")}` : "";
  const title = () => `${SWEEP_METRICS[get()].name} by ${first}${lines}`;
  // The card reads its title and file name when a download is asked for, so a new metric renames both.
  const options: ChartCardOptions = {
    title: title(),
    filename: `${doc.sweep.scenario}-sweep-${get()}`,
    className: "wide",
    controls: [picker],
    draw: (width) =>
      sweepRows(doc, get()).length === 0
        ? `No point has a value for ${SWEEP_METRICS[get()].name.toLowerCase()}.`
        : sweepMetric(doc, { metric: get(), width }),
  };
  const card = chartCard(options);
  card.element.dataset.chart = `${doc.sweep.scenario}-sweep`;
  picker.addEventListener("change", () => {
    set(picker.value as SweepMetric);
    options.title = title();
    options.filename = `${doc.sweep.scenario}-sweep-${get()}`;
    const heading = card.element.querySelector("h3");
    if (heading) heading.textContent = options.title;
    card.redraw();
  });
  return card;
}

function describe(doc: SweepDocument, label: string): string {
  const s = doc.sweep;
  const dims = s.params.map((p) => p.values.length).join(" × ");
  const parts = [
    `${doc.points.length} of ${s.points} points (${dims})`,
    s.seed === null ? "the scenario's seed" : `seed ${s.seed}`,
    s.replications > 1 ? `mean of ${s.replications} replications (± 95% half-widths)` : "1 replication",
    `fidelity ${s.fidelity ?? "as in the scenario"}`,
    `from ${label}`,
  ];
  return parts.join(" · ");
}

async function openFile(input: HTMLInputElement, actions: Actions): Promise<void> {
  const file = input.files?.[0];
  if (!file) return;
  actions.openSweep(await file.text(), file.name);
  input.value = "";
}
