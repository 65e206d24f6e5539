/**
 * The browser entry point: builds the store and the actions, mounts the views into index.html's frame,
 * loads the bundled scenarios, presets and history, and opens what the address names (`#run=ID`,
 * `#scenario=NAME`) or else the first bundled scenario.
 */
import { createActions } from "./actions.ts";
import { createStore } from "./state.ts";
import { mountCompareView } from "./views/compare-view.ts";
import { mountResultsView } from "./views/results-view.ts";
import { mountScenarioView } from "./views/scenario-view.ts";
import { mountShell } from "./views/shell.ts";
import { mountSidebar } from "./views/sidebar.ts";
import { mountSweepView } from "./views/sweep-view.ts";

const byId = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el;
};

async function start(): Promise<void> {
  const store = createStore();
  const actions = createActions(store);
  mountShell(byId("tabs"), byId("notice"), store, actions);
  mountSidebar(byId("sidebar"), store, actions);
  mountScenarioView(byId("view-scenario"), store, actions);
  mountResultsView(byId("view-results"), store, actions);
  mountCompareView(byId("view-compare"), store);
  mountSweepView(byId("view-sweep"), store, actions);
  store.update({ tab: "scenario" });
  await actions.init();
  const hash = new URLSearchParams(location.hash.slice(1));
  const run = hash.get("run");
  const scenario = hash.get("scenario");
  if (run) {
    // Load the scenario picker's default too, so the Scenario tab is not empty.
    await actions.openRun(run);
  } else {
    const first = store.get().bundled.find((b) => b.name === scenario) ?? store.get().bundled[0];
    if (first) await actions.loadBundled(first.name);
  }
  document.body.dataset.ready = "true";
}

void start();
