/**
 * A sweep as a table, one row per point and alternative as `stallsim sweep` prints it: index, the parameter
 * values, the alternative (when the scenario has several: never a sum), utilisation, AU (per job when there are
 * several), wall time, GPU-hours, cost to finish and idle cost per year if it ran like this; with replications,
 * `±` 95% half-widths (percentage points for utilisation and AU).
 */
import { h } from "../dom.ts";
import { formatHours, formatNumber, formatPercent, formatUsd } from "../format.ts";
import { hasAlternatives, sweepRowsOf, valueText, type SweepDocument } from "../sweep-doc.ts";

const n = (x: number | null | undefined): number => x ?? NaN;

/** `value ±half` when the sweep reports a half-width. */
function withHalf(value: string, half: number | null | undefined, format: (x: number) => string) {
  return typeof half === "number" ? `${value} ±${format(half)}` : value;
}

const points = (x: number) => (x * 100).toFixed(1);

export function sweepTable(doc: SweepDocument): HTMLElement {
  const paths = doc.sweep.params.map((p) => p.path);
  const rows = sweepRowsOf(doc);
  const several = hasAlternatives(doc);
  const jobs = [...new Set(rows.flatMap((r) => Object.keys(r.alternative.au ?? {})))];
  const auHeads = jobs.length > 1 ? jobs.map((j) => `AU ${j}`) : jobs.length === 1 ? ["AU"] : [];
  const heads = [
    ...(several ? ["Alternative"] : []),
    "Utilisation",
    ...auHeads,
    "Wall time",
    "GPU-hours",
    "Cost to finish (USD)",
    "Idle GPU cost (USD/year, if run all year)",
  ];
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
      rows.map((r) => {
        const s = r.alternative;
        const hw = s.halfWidth;
        return h(
          "tr",
          { "data-index": r.index },
          h("th", { scope: "row" }, String(r.index)),
          paths.map((path) => h("td", { class: "param" }, valueText(r.params[path]!))),
          several ? h("td", { class: "param" }, s.name) : null,
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
