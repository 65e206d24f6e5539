/**
 * What a run produced, through the API: the CSV export (layout of docs/api.md, RFC 4180 quoting, headers for
 * a download) and the comparison of done runs side by side.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CSV_COLUMNS } from "../../../src/api/runs/result-csv.ts";
import { CAUSES } from "../../../src/models/gpu-time.ts";
import type { ScenarioResult } from "../../../src/scenarios/result/index.ts";
import { call, makeApp, SMALL_YAML, startRun, waitForEnd } from "../helpers.ts";

/** Splits RFC 4180 text into rows of fields (quotes, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted || (c !== '"' && c !== "," && !(c === "\r" && text[i + 1] === "\n"))) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else {
      row.push(field);
      field = "";
      if (c === "\r") {
        rows.push(row);
        row = [];
        i++;
      }
    }
  }
  return rows;
}

/** Two jobs, one with a name that needs quoting and one a spreadsheet would take for a formula. */
const TWO_JOBS = SMALL_YAML.replace("name: small", "name: csv, test").concat(
  `  - name: '=SUM(A1) "x"'
    gpus: 16
    steps: 100
    compute: { stepTime: 300ms }
    data: { storage: data, samplesPerStep: 4, sampleSize: 10MB, datasetSize: 1TB }
`,
);

let app: FastifyInstance;
let csvRun: string;
let other: string;
beforeAll(async () => {
  app = await makeApp();
  csvRun = await startRun(app, { text: TWO_JOBS, fidelity: "bulk" });
  other = await startRun(app, { bundled: "vision-resnet50-gp3" });
  await waitForEnd(app, csvRun);
  await waitForEnd(app, other);
});
afterAll(() => app.close());

describe("GET /api/runs/:id/result.csv", () => {
  test("one header row, then each alternative: its headline, jobs, storage and cost lines, never a sum", async () => {
    const res = await app.inject({ url: `/api/runs/${csvRun}/result.csv` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="csv-test-${csvRun}.csv"`);
    expect(res.body.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
    const result = (await call(app, "GET", `/api/runs/${csvRun}/result`)).body as unknown as ScenarioResult;
    const col = (row: string[], name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)]!;
    const costLines = [
      "gpu",
      "storage",
      "egress",
      "total",
      ...CAUSES.map((c) => `gpu:${c}`),
      "per_month",
      "per_year",
      "idle_per_year",
    ];
    // Text a spreadsheet would run as a formula is written with a leading quote.
    const cell = (x: string) => (/^[=+\-@]/.test(x) ? `'${x}` : x);
    const expected = result.alternatives.flatMap((a) => [
      `alternative ${cell(a.name)} ${cell(a.name)}`,
      `job ${cell(a.name)} ${cell(a.name)}`,
      `storage ${cell(a.name)} data`,
      ...costLines.map((c) => `cost ${cell(a.name)} ${c}`),
    ]);
    expect(rows.slice(1).map((r) => `${r[0]} ${r[1]} ${r[2]}`)).toEqual(expected);
    expect(result.alternatives.map((a) => a.name)).toEqual(["train", '=SUM(A1) "x"']);
    const per = costLines.length + 3;
    result.alternatives.forEach((a, k) => {
      const head = rows[1 + k * per]!;
      expect(Number(col(head, "gpus"))).toBe(a.gpus);
      expect(Number(col(head, "utilisation"))).toBe(a.utilisation);
      expect(Number(col(head, "cost_usd"))).toBe(a.cost.totalUsd);
      const job = rows[2 + k * per]!;
      expect(col(job, "fidelity")).toBe("bulk");
      expect(Number(col(job, "completion_hours"))).toBe(a.jobs[0]!.completionHours);
      expect(Number(col(job, "cost_usd"))).toBe(a.jobs[0]!.costUsd);
      expect(col(rows[3 + k * per]!, "preset")).toBe("fsx-lustre");
      const total = rows.find((r) => r[0] === "cost" && r[1] === cell(a.name) && r[2] === "total")!;
      expect(Number(col(total, "cost_usd"))).toBe(a.cost.totalUsd);
    });
    expect(Number(col(rows[1]!, "gpus"))).toBe(8);
    expect(res.body).toContain(`"'=SUM(A1) ""x"""`);
  });

  test("GET /api/runs/:id/scenario gives the text as submitted", async () => {
    expect((await call(app, "GET", `/api/runs/${csvRun}/scenario`)).body).toEqual({ text: TWO_JOBS });
  });
});

describe("GET /api/compare", () => {
  test("gives each alternative of the done runs side by side, in the order asked, labelled by what differs", async () => {
    const r = await call(app, "GET", `/api/compare?ids=${other},${csvRun},${other}`);
    expect(r.status).toBe(200);
    const runs = r.body.runs as { id: string; alternative: string; label: string }[];
    expect(runs.map((x) => x.id)).toEqual([other, csvRun, csvRun]);
    expect(runs.map((x) => x.alternative)).toEqual(["resnet50", "train", '=SUM(A1) "x"']);
    expect(new Set(runs.map((x) => x.label)).size).toBe(3);
    for (const x of runs) expect(x.label).not.toMatch(/\br0\d{0,6}\b/);
    const result = (await call(app, "GET", `/api/runs/${other}/result`)).body as unknown as ScenarioResult;
    const a = result.alternatives[0]!;
    expect(runs[0]).toEqual({
      id: other,
      name: "vision-resnet50-gp3",
      alternative: "resnet50",
      label: runs[0]!.label,
      seed: 1,
      replications: 1,
      utilisation: a.utilisation,
      totalUsd: a.cost.totalUsd,
      gpuHours: a.gpuHours.total,
      byCause: a.gpuHours.byCause,
      gpuUsdByCause: a.cost.gpuUsdByCause,
      wallHours: a.wallHours,
      perMonthUsd: a.cost.runRate.perMonthUsd,
      idlePerYearUsd: a.cost.runRate.idlePerYearUsd,
    });
  });

  test.each(["/api/compare", "/api/compare?ids=", "/api/compare?ids=,%20,"])("%s without ids is a 400", async (url) => {
    const r = await call(app, "GET", url);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: "API_ERR_BAD_REQUEST", issues: [{ path: ["ids"] }] });
  });

  test("unknown ids are a 404 naming each of them", async () => {
    const r = await call(app, "GET", `/api/compare?ids=${other},nope,r99999999`);
    expect(r.status).toBe(404);
    expect(r.body.error).toEqual({ code: "API_ERR_NOT_FOUND", message: 'unknown runs: "nope", "r99999999"' });
  });
});
