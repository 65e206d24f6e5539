/**
 * The parameter form: the key values of the scenario in the editor (form-fields.ts), written back into the
 * text as they are typed. Validation issues show under the field with their path, or at the top of the
 * job or binding they belong to. The form is rebuilt when the text changes elsewhere, not while typing.
 */
import type { Actions } from "../actions.ts";
import { debounce, h, replaceChildren } from "../dom.ts";
import { fieldText, formSections, parseFieldInput, pathKey, type FieldSpec, type FormSection } from "../form-fields.ts";
import { formatPath, placeIssues } from "../issues.ts";
import { valueAt, withValue } from "../scenario-doc.ts";
import type { AppState, Store } from "../state.ts";

export function mountForm(root: HTMLElement, store: Store, actions: Actions): void {
  let sections: FormSection[] = [];

  const write = (field: FieldSpec, raw: string) => {
    const { parsed } = store.get();
    if (!parsed.ok) return;
    const value = parseFieldInput(field.kind, raw);
    if (valueAt(parsed.data, field.path) === value) return;
    actions.edit(withValue(parsed, field.path, value), "form");
  };

  const build = (s: AppState) => {
    if (!s.parsed.ok) {
      root.classList.add("stale");
      return;
    }
    root.classList.remove("stale");
    sections = formSections(s.parsed.data, { storagePresets: s.storagePresets, nodeTypes: s.nodeTypes });
    const data = s.parsed.data;
    replaceChildren(
      root,
      sections.map((section) =>
        h(
          "fieldset",
          { class: "form-section", "data-section": pathKey(section.path) },
          h("legend", {}, section.title),
          h("ul", { class: "section-errors", role: "alert" }),
          h(
            "div",
            { class: "fields" },
            section.fields.map((f) => fieldElement(f, valueAt(data, f.path), write)),
          ),
        ),
      ),
    );
    showIssues(s);
  };

  const showIssues = (s: AppState) => {
    const placed = placeIssues(s.issues, sections);
    const warned = placeIssues(s.warnings, sections);
    for (const el of root.querySelectorAll<HTMLElement>(".field")) {
      const issues = placed.byField.get(el.dataset.path ?? "") ?? [];
      const warnings = warned.byField.get(el.dataset.path ?? "") ?? [];
      const input = el.querySelector("input, select");
      input?.setAttribute("aria-invalid", String(issues.length > 0));
      el.classList.toggle("invalid", issues.length > 0);
      el.classList.toggle("warned", warnings.length > 0);
      replaceChildren(el.querySelector(".field-error")!, issues.map((i) => i.message).join("; "));
      replaceChildren(el.querySelector(".field-warning")!, warnings.map((i) => `⚠ ${i.message}`).join("; "));
    }
    for (const el of root.querySelectorAll<HTMLElement>(".form-section")) {
      const issues = placed.bySection.get(el.dataset.section ?? "") ?? [];
      const warnings = warned.bySection.get(el.dataset.section ?? "") ?? [];
      replaceChildren(el.querySelector(".section-errors")!, [
        ...issues.map((i) => h("li", {}, h("code", {}, formatPath(i.path)), " ", i.message)),
        ...warnings.map((i) => h("li", { class: "warning" }, "⚠ ", h("code", {}, formatPath(i.path)), " ", i.message)),
      ]);
    }
  };

  store.subscribe(["parsed", "storagePresets", "nodeTypes"], (s, changed) => {
    if (changed.has("parsed") && s.textOrigin === "form" && !changed.has("storagePresets")) showIssues(s);
    else build(s);
  });
  store.subscribe(["issues", "warnings"], showIssues);
}

function fieldElement(field: FieldSpec, value: unknown, write: (f: FieldSpec, raw: string) => void): HTMLElement {
  const key = pathKey(field.path);
  const id = `field-${key}`;
  const text = fieldText(value);
  const onInput = debounce((raw: string) => write(field, raw), 300);
  let input: HTMLInputElement | HTMLSelectElement;
  if (field.kind === "select") {
    const options = [...(field.options ?? [])];
    if (text !== "" && !options.includes(text)) options.unshift(text);
    input = h(
      "select",
      { id, name: key, onchange: () => write(field, input.value) },
      text === "" ? h("option", { value: "" }, "(default)") : null,
      options.map((o) => h("option", { value: o, selected: o === text }, o)),
    );
  } else {
    input = h("input", {
      id,
      name: key,
      type: "text",
      value: text,
      inputmode: field.kind === "count" ? "numeric" : null,
      placeholder: field.hint ?? "",
      autocomplete: "off",
      spellcheck: "false",
      oninput: () => onInput(input.value),
      onchange: () => write(field, input.value),
    });
  }
  return h(
    "div",
    { class: "field", "data-path": key },
    h("label", { for: id }, field.label),
    input,
    h("div", { class: "field-error", id: `${id}-error`, "aria-live": "polite" }),
    h("div", { class: "field-warning", "aria-live": "polite" }),
  );
}
