/**
 * The text editor: the whole scenario as YAML or JSON, for pasting and for everything the form does not
 * cover. Below it, the problems that belong to no form field: syntax errors and other validation issues,
 * with their path and line; clicking one selects that line.
 */
import type { Actions } from "../actions.ts";
import { debounce, h, replaceChildren } from "../dom.ts";
import { formSections } from "../form-fields.ts";
import { formatPath, placeIssues } from "../issues.ts";
import { lineOf } from "../scenario-doc.ts";
import type { AppState, Store } from "../state.ts";

export function mountEditor(root: HTMLElement, store: Store, actions: Actions): void {
  const textarea = h("textarea", {
    class: "editor",
    "aria-label": "Scenario text (YAML or JSON)",
    spellcheck: "false",
    wrap: "off",
    placeholder: "Paste a scenario (YAML or JSON) here, open a file, or pick a bundled scenario.",
  });
  const format = h("span", { class: "format" });
  const problems = h("ul", { class: "editor-problems", role: "alert" });
  const onInput = debounce(() => actions.edit(textarea.value, "editor"), 350);
  textarea.addEventListener("input", onInput);
  replaceChildren(root, h("div", { class: "editor-head" }, h("span", {}, "Scenario text"), format), textarea, problems);

  const selectLine = (line: number) => {
    const lines = textarea.value.split("\n");
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    textarea.focus();
    textarea.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    textarea.scrollTop = Math.max(0, (line - 4) * 18);
  };

  const problem = (where: string, message: string, line: number | undefined) =>
    h(
      "li",
      {},
      line === undefined
        ? null
        : h("button", { class: "link line", onclick: () => selectLine(line), title: "Show the line" }, `line ${line}`),
      where ? [h("code", {}, where), ": "] : null,
      message,
    );

  const render = (s: AppState) => {
    if (s.textOrigin !== "editor" && textarea.value !== s.text) textarea.value = s.text;
    format.textContent = s.text.trim() === "" ? "" : s.parsed.format.toUpperCase();
    if (!s.parsed.ok) {
      replaceChildren(
        problems,
        s.parsed.problems.map((p) => problem("syntax", p.message, p.line)),
      );
      return;
    }
    const sections = formSections(s.parsed.data, { storagePresets: s.storagePresets, nodeTypes: s.nodeTypes });
    const { editor } = placeIssues(s.issues, sections);
    replaceChildren(
      problems,
      editor.map((i) =>
        problem(i.path.length > 0 ? formatPath(i.path) : "", i.message, i.line ?? lineOf(s.parsed, i.path)),
      ),
    );
  };
  store.subscribe(["text", "parsed", "issues"], render);
}
