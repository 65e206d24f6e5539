/**
 * The scenario tab: a toolbar (what is loaded, whether it is valid, Validate and Run), the form on the
 * left and the text editor on the right. Edits are validated by the server shortly after typing stops.
 */
import type { Actions } from "../actions.ts";
import { debounce, h, replaceChildren } from "../dom.ts";
import type { Store } from "../state.ts";
import { mountEditor } from "./editor-view.ts";
import { mountForm } from "./form-view.ts";

export function mountScenarioView(root: HTMLElement, store: Store, actions: Actions): void {
  const title = h("h1", {}, "Scenario");
  const status = h("span", { class: "validation", "aria-live": "polite" });
  const replications = h("input", {
    type: "number",
    min: 1,
    max: 100,
    value: 1,
    class: "replications",
    "aria-label": "Replications",
    title: "Replications: runs with consecutive seeds, averaged, with 95% intervals",
  });
  const runButton = h(
    "button",
    {
      class: "primary run-button",
      onclick: () => {
        const k = Math.max(1, Math.floor(Number(replications.value) || 1));
        void actions.run(k > 1 ? { replications: k } : {});
      },
    },
    "Run ▶",
  );
  const form = h("form", {
    class: "param-form",
    "aria-label": "Key parameters",
    onsubmit: (e: Event) => e.preventDefault(),
  });
  const editor = h("div", { class: "editor-pane" });
  replaceChildren(
    root,
    h(
      "div",
      { class: "toolbar" },
      title,
      status,
      h("span", { class: "spacer" }),
      h("button", { onclick: () => void actions.validate() }, "Validate"),
      h("label", { class: "inline" }, "Replications ", replications),
      runButton,
    ),
    h("div", { class: "scenario-columns" }, form, editor),
  );
  mountForm(form, store, actions);
  mountEditor(editor, store, actions);

  const autoValidate = debounce(() => void actions.validate(), 500);
  store.subscribe(["text", "label"], (s, changed) => {
    title.textContent = s.label || "Scenario";
    runButton.disabled = s.text.trim() === "" || !s.parsed.ok;
    if (changed.has("text") && s.textOrigin !== "load") autoValidate();
  });
  store.subscribe(["validation"], (s) => {
    status.className = `validation ${s.validation?.state ?? ""}`;
    status.textContent = s.validation?.message ?? "";
  });
}
