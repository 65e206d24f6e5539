/**
 * The sidebar: the bundled scenarios to start from, opening a scenario file, and the run history (open a
 * run, tick runs to compare, delete).
 */
import type { Actions } from "../actions.ts";
import { h, replaceChildren } from "../dom.ts";
import { formatPercent, formatTime, formatUsd } from "../format.ts";
import type { Store } from "../state.ts";
import type { BundledScenario, RunSummary } from "../types.ts";

export function mountSidebar(root: HTMLElement, store: Store, actions: Actions): void {
  const scenarioList = h("ul", { class: "scenario-list", "aria-label": "Bundled scenarios" });
  const historyList = h("ul", { class: "run-list", "aria-label": "Run history" });
  const compareButton = h("button", { class: "compare-button", onclick: () => void actions.compare() }, "Compare");
  const fileInput = h("input", {
    type: "file",
    accept: ".yaml,.yml,.json,application/json,text/yaml",
    hidden: true,
    onchange: () => void openFile(fileInput, actions),
  });

  replaceChildren(
    root,
    h(
      "div",
      { class: "brand" },
      h("span", { class: "logo", "aria-hidden": "true" }),
      h("div", {}, h("strong", {}, "stallsim"), h("small", {}, "GPU idle time from storage")),
    ),
    h("h2", {}, "Scenarios"),
    scenarioList,
    h("div", { class: "file-open" }, h("button", { onclick: () => fileInput.click() }, "Open file…"), fileInput),
    h(
      "div",
      { class: "history-head" },
      h("h2", {}, "Runs"),
      h("button", { class: "link", title: "Refresh", onclick: () => void actions.refreshHistory() }, "↻"),
    ),
    historyList,
    compareButton,
  );

  store.subscribe(["bundled", "label"], (s) => {
    replaceChildren(
      scenarioList,
      s.bundled.map((b) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              class: `scenario${b.name === s.label ? " active" : ""}`,
              title: b.description,
              "data-scenario": b.name,
              onclick: () => void actions.loadBundled(b.name),
            },
            h("span", { class: "name" }, b.name),
            h("span", { class: "meta" }, bundledMeta(b)),
          ),
        ),
      ),
    );
  });

  store.subscribe(["history", "compareIds", "run"], (s) => {
    replaceChildren(
      historyList,
      s.history.length === 0
        ? h("li", { class: "empty" }, "No runs yet.")
        : s.history.map((r) => runItem(r, s.compareIds, s.run?.id, actions)),
    );
    compareButton.textContent = `Compare ${s.compareIds.length} run${s.compareIds.length === 1 ? "" : "s"}`;
    compareButton.disabled = s.compareIds.length < 2;
  });
}

function runItem(run: RunSummary, compareIds: string[], current: string | undefined, actions: Actions): HTMLElement {
  const checkbox = h("input", {
    type: "checkbox",
    "aria-label": `compare ${run.name}`,
    checked: compareIds.includes(run.id),
    disabled: run.status !== "done",
    onchange: () => actions.toggleCompare(run.id, checkbox.checked),
  });
  const head = run.headline;
  return h(
    "li",
    { class: `run${run.id === current ? " active" : ""}`, "data-run": run.id },
    checkbox,
    h(
      "button",
      { class: "run-open", onclick: () => void actions.openRun(run.id), title: `run ${run.id}` },
      h("span", { class: "name" }, h("span", { class: `status status-${run.status}`, title: run.status }), run.name),
      h("span", { class: "meta" }, head ? headlineText(head) : run.status, " · ", formatTime(run.createdAt)),
    ),
    h(
      "button",
      {
        class: "link delete",
        title: "Delete run",
        "aria-label": `delete ${run.name}`,
        onclick: () => void actions.deleteRun(run.id),
      },
      "×",
    ),
  );
}

/** `8 GPUs · 1 job`, `3 alternatives · 8 GPUs each`, `2 alternatives · up to 8 GPUs`. */
export function bundledMeta(b: BundledScenario): string {
  const gpus = `${b.gpus} GPU${b.gpus === 1 ? "" : "s"}`;
  if (b.alternatives > 1) return `${b.alternatives} alternatives · up to ${gpus} each`;
  return `${gpus} · ${b.workloads === 1 ? "1 workload" : `${b.workloads} workloads`}`;
}

/** A run's headline in the history: its one alternative's numbers, or the cheapest of several. */
export function headlineText(head: NonNullable<RunSummary["headline"]>): string {
  const alts = head.alternatives;
  if (alts.length === 1) return `${formatPercent(alts[0]!.utilisation, 0)} busy · ${formatUsd(alts[0]!.totalUsd)}`;
  const cheapest = alts.find((a) => a.name === head.cheapest);
  return `${alts.length} alternatives${cheapest ? ` · cheapest ${cheapest.name} ${formatUsd(cheapest.totalUsd)}` : ""}`;
}

async function openFile(input: HTMLInputElement, actions: Actions): Promise<void> {
  const file = input.files?.[0];
  if (!file) return;
  actions.loadText(await file.text(), file.name);
  input.value = "";
}
