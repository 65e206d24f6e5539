/** One alternative's jobs, serving workloads and storage as tables, units in the headers. */
import { h } from "../dom.ts";
import { formatHours, formatNumber, formatPercent, formatUsd, latencyText, throughputUnit } from "../format.ts";
import type { AlternativeResult } from "../types.ts";

export const table = (head: string[], rows: (string | HTMLElement)[][], label: string) =>
  h(
    "table",
    { class: "data-table", "aria-label": label },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        head.map((c) => h("th", { scope: "col" }, c)),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map((r) =>
        h(
          "tr",
          {},
          r.map((c, i) => (i === 0 ? h("th", { scope: "row" }, c) : h("td", {}, c))),
        ),
      ),
    ),
  );

const bytes = (b: number) => (b >= 1e12 ? `${formatNumber(b / 1e12, 2)} TB` : `${formatNumber(b / 1e9, 1)} GB`);

export function jobsTable(a: AlternativeResult): HTMLElement {
  return table(
    [
      "Job",
      "GPUs",
      "Fidelity",
      "Completion",
      "Utilisation",
      "AU",
      "Checkpoints",
      "Failures",
      "Read",
      "Written",
      "GPU + egress cost",
    ],
    a.jobs.map((j) => [
      j.name,
      formatNumber(j.gpus, 0),
      j.fidelity,
      formatHours(j.completionHours),
      formatPercent(j.utilisation),
      formatPercent(j.au),
      formatNumber(j.checkpoints, 0),
      formatNumber(j.failures, 1),
      bytes(j.bytesRead),
      bytes(j.bytesWritten),
      formatUsd(j.costUsd),
    ]),
    "Jobs",
  );
}

export function servingTable(a: AlternativeResult): HTMLElement {
  return table(
    [
      "Serving workload",
      "Placement",
      "Requests served",
      "TTFT p50",
      "TTFT p99",
      "Cold starts",
      "Model load p50",
      "Utilisation",
      "GPU cost",
    ],
    a.inference.map((w) => [
      w.name,
      `${w.model} on ${w.placement}`,
      `${formatNumber(w.requests.served, 0)} of ${formatNumber(w.requests.arrived, 0)}`,
      latencyText(w.ttftMs.p50),
      latencyText(w.ttftMs.p99),
      formatNumber(w.coldStarts, 1),
      `${formatNumber(w.loadSeconds.p50, 2)} s`,
      formatPercent(w.utilisation),
      formatUsd(w.cost.gpuUsd),
    ]),
    "Serving workloads",
  );
}

export function storageTable(a: AlternativeResult): HTMLElement {
  return table(
    [
      "Binding",
      "Preset",
      "Volumes",
      "Capacity / volume",
      "Throughput / volume",
      "IOPS / volume",
      "$ / month",
      "$ this run",
      "Adjusted",
    ],
    a.storage.map((s) => {
      const unit = throughputUnit(s.bytesPerSecond ?? 0);
      return [
        s.name,
        s.preset,
        formatNumber(s.volumes, 0),
        bytes(s.capacityBytes),
        s.bytesPerSecond === null ? "—" : `${formatNumber(s.bytesPerSecond / unit.divisor, 1)} ${unit.label}`,
        s.iops === null ? "—" : formatNumber(s.iops, 0),
        formatUsd(s.monthlyUsd),
        formatUsd(s.usd),
        s.adjustments.join("; ") || "—",
      ];
    }),
    "Storage",
  );
}
