/** A run's progress: a bar with the fraction done and the server's message. */
import { h } from "../dom.ts";
import type { RunSummary } from "../types.ts";

export function progressBar(run: RunSummary): HTMLElement {
  const fraction = Math.min(1, Math.max(0, run.progress?.fraction ?? 0));
  const pct = Math.round(fraction * 100);
  const message = run.progress?.message || (run.status === "queued" ? "queued" : "running");
  return h(
    "div",
    { class: "progress" },
    h(
      "div",
      {
        class: "progress-track",
        role: "progressbar",
        "aria-valuemin": 0,
        "aria-valuemax": 100,
        "aria-valuenow": pct,
        "aria-label": "Run progress",
      },
      h("div", { class: "progress-fill", style: `width: ${pct}%` }),
    ),
    h("span", { class: "progress-text" }, `${pct}% · ${message}`),
  );
}
