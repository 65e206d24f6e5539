/**
 * What a run produced, through the API: the CSV export (layout of docs/api.md, RFC 4180 quoting, headers for
 * a download) and the comparison of done runs side by side.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CSV_COLUMNS } from "../../../src/api/runs/result-csv.ts";
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
  test("one header row, a row per job, per storage binding, the scenario, then the cost lines", async () => {
    const res = await app.inject({ url: `/api/runs/${csvRun}/result.csv` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="csv-test-${csvRun}.csv"`);
    expect(res.body.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
    const result = (await call(app, "GET", `/api/runs/${csvRun}/result`)).body as unknown as {
      jobs: { name: string; gpus: number; completionHours: number; costUsd: number }[];
      cost: { totalUsd: number; gpuUsd: number };
    };
    const col = (row: string[], name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)]!;
    expect(rows.slice(1).map((r) => `${r[0]} ${r[1]}`)).toEqual([
      "job train",
      `job '=SUM(A1) "x"`,
      "storage data",
      "scenario csv, test",
      "cost gpu",
      "cost storage",
      "cost egress",
      "cost total",
      "cost idle:dataWait",
      "cost idle:checkpointWait",
      "cost idle:recovery",
      "cost idle:lostWork",
      "cost idle:idle",
      "cost per_month",
      "cost per_year",
      "cost idle_per_year",
    ]);
    const train = rows[1]!;
    expect(Number(col(train, "gpus"))).toBe(8);
    expect(col(train, "fidelity")).toBe("bulk");
    expect(Number(col(train, "completion_hours"))).toBe(result.jobs[0]!.completionHours);
    expect(Number(col(train, "cost_usd"))).toBe(result.jobs[0]!.costUsd);
    expect(col(train, "preset")).toBe("");
    expect(col(rows[3]!, "preset")).toBe("fsx-lustre");
    expect(Number(col(rows[4]!, "gpus"))).toBe(24);
    expect(
      Number(
        col(
          rows.find((r) => r[1] === "total")!,
          "cost_usd",
        ),
      ),
    ).toBe(result.cost.totalUsd);
    expect(res.body).toContain(`"'=SUM(A1) ""x"""`);
  });

  test("GET /api/runs/:id/scenario gives the text as submitted", async () => {
    expect((await call(app, "GET", `/api/runs/${csvRun}/scenario`)).body).toEqual({ text: TWO_JOBS });
  });
});

describe("GET /api/compare", () => {
  test("gives done runs side by side, in the order asked", async () => {
    const r = await call(app, "GET", `/api/compare?ids=${other},${csvRun},${other}`);
    expect(r.status).toBe(200);
    const runs = r.body.runs as { id: string; name: string; gpuHours: number; byCause: Record<string, number> }[];
    expect(runs.map((x) => x.id)).toEqual([other, csvRun]);
    const result = (await call(app, "GET", `/api/runs/${other}/result`)).body as unknown as {
      utilisation: number;
      wallHours: number;
      gpuHours: { total: number; byCause: Record<string, number> };
      cost: { totalUsd: number; idleUsdByCause: Record<string, number> };
    };
    expect(runs[0]).toEqual({
      id: other,
      name: "vision-resnet50-gp3",
      utilisation: result.utilisation,
      totalUsd: result.cost.totalUsd,
      gpuHours: result.gpuHours.total,
      byCause: result.gpuHours.byCause,
      idleUsdByCause: result.cost.idleUsdByCause,
      wallHours: result.wallHours,
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
