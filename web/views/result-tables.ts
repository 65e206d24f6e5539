/** The result's per-job and per-binding numbers as tables, units in the headers. */
import { h } from "../dom.ts";
import { formatHours, formatNumber, formatPercent, formatUsd, throughputUnit } from "../format.ts";
import type { RunResult } from "../types.ts";

const table = (head: string[], rows: (string | HTMLElement)[][], label: string) =>
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

export function jobsTable(result: RunResult): HTMLElement {
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
      "GPU cost",
    ],
    result.jobs.map((j) => [
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

export function storageTable(result: RunResult): HTMLElement {
  return table(
    [
      "Binding",
      "Preset",
      "Volumes",
      "Capacity / volume",
      "Throughput / volume",
      "IOPS / volume",
      "$ / month",
      "Adjusted",
    ],
    result.storage.map((s) => {
      const unit = throughputUnit(s.bytesPerSecond ?? 0);
      return [
        s.name,
        s.preset,
        formatNumber(s.volumes, 0),
        bytes(s.capacityBytes),
        s.bytesPerSecond === null ? "—" : `${formatNumber(s.bytesPerSecond / unit.divisor, 1)} ${unit.label}`,
        s.iops === null ? "—" : formatNumber(s.iops, 0),
        formatUsd(s.monthlyUsd),
        s.adjustments.join("; ") || "—",
      ];
    }),
    "Storage",
  );
}
