/**
 * The page frame: the tab bar (Scenario, Results, Compare, Sweep), which tab's view is visible, and the notice
 * banner for errors that belong to no field.
 */
import type { Actions } from "../actions.ts";
import { h, replaceChildren } from "../dom.ts";
import type { Store, Tab } from "../state.ts";

const TABS: { tab: Tab; label: string }[] = [
  { tab: "scenario", label: "Scenario" },
  { tab: "results", label: "Results" },
  { tab: "compare", label: "Compare" },
  { tab: "sweep", label: "Sweep" },
];

export function mountShell(tabsRoot: HTMLElement, noticeRoot: HTMLElement, store: Store, actions: Actions): void {
  const buttons = TABS.map(({ tab, label }) =>
    h(
      "button",
      { role: "tab", id: `tab-${tab}`, "aria-controls": `view-${tab}`, onclick: () => actions.showTab(tab) },
      label,
    ),
  );
  replaceChildren(tabsRoot, buttons);
  tabsRoot.setAttribute("role", "tablist");
  store.subscribe(["tab"], (s) => {
    TABS.forEach(({ tab }, i) => {
      buttons[i]!.setAttribute("aria-selected", String(tab === s.tab));
      document.getElementById(`view-${tab}`)?.toggleAttribute("hidden", tab !== s.tab);
    });
    if (s.tab !== "scenario") window.dispatchEvent(new Event("resize"));
  });
  store.subscribe(["notice"], (s) => {
    if (!s.notice) return replaceChildren(noticeRoot);
    replaceChildren(
      noticeRoot,
      h(
        "div",
        { class: `notice ${s.notice.kind}`, role: "alert" },
        h("span", {}, s.notice.text),
        h("button", { class: "link", "aria-label": "Dismiss", onclick: () => actions.dismissNotice() }, "×"),
      ),
    );
  });
}
