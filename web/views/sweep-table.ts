/**
 * A sweep as a table, one row per point as `stallsim sweep` prints it: index, the parameter values,
 * utilisation, AU (per job when there are several), wall time, GPU-hours, total cost and idle cost per year;
 * with replications, `±` 95% half-widths (percentage points for utilisation and AU).
 */
import { h } from "../dom.ts";
import { formatHours, formatNumber, formatPercent, formatUsd } from "../format.ts";
import { valueText, type SweepDocument } from "../sweep-doc.ts";

const n = (x: number | null | undefined): number => x ?? NaN;

/** `value ±half` when the sweep reports a half-width. */
function withHalf(value: string, half: number | null | undefined, format: (x: number) => string) {
  return typeof half === "number" ? `${value} ±${format(half)}` : value;
}

const points = (x: number) => (x * 100).toFixed(1);

export function sweepTable(doc: SweepDocument): HTMLElement {
  const paths = doc.sweep.params.map((p) => p.path);
  const jobs = [...new Set(doc.points.flatMap((p) => Object.keys(p.summary.au ?? {})))];
  const auHeads = jobs.length > 1 ? jobs.map((j) => `AU ${j}`) : jobs.length === 1 ? ["AU"] : [];
  const heads = ["Utilisation", ...auHeads, "Wall time", "GPU-hours", "Total cost (USD)", "Idle GPU cost (USD/year)"];
  const numeric = (text: string) => h("td", {}, text);
  return h(
    "table",
    { class: "data-table sweep-table", "aria-label": "Sweep points" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "#"),
        paths.map((c) => h("th", { scope: "col", class: "param" }, c)),
        heads.map((c) => h("th", { scope: "col" }, c)),
      ),
    ),
    h(
      "tbody",
      {},
      doc.points.map((p) => {
        const s = p.summary;
        const hw = s.halfWidth;
        return h(
          "tr",
          { "data-index": p.index },
          h("th", { scope: "row" }, String(p.index)),
          paths.map((path) => h("td", { class: "param" }, valueText(p.params[path]!))),
          numeric(withHalf(formatPercent(n(s.utilisation)), hw?.utilisation, points)),
          jobs.map((j) => numeric(withHalf(formatPercent(n(s.au?.[j])), hw?.au?.[j], points))),
          numeric(withHalf(formatHours(n(s.wallHours)), hw?.wallHours, formatHours)),
          numeric(formatNumber(n(s.gpuHours), 1)),
          numeric(withHalf(formatUsd(n(s.totalUsd)), hw?.totalUsd, formatUsd)),
          numeric(formatUsd(n(s.idlePerYearUsd))),
        );
      }),
    ),
  );
}
