/**
 * The Sweep tab in real headless Chromium: a real sweep's JSON, written by the CLI's `main` in this process
 * (`stallsim sweep vision-resnet50-gp3 --param 'jobs[0].data.workers=2,4,8' --fidelity bulk --json -o FILE`),
 * opened through the tab's file input, is drawn as a chart with a dot per point and listed as a table; a file
 * that is not a sweep shows why, and the metric picker redraws the chart in the metric's unit.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { main } from "../../src/cli/main.ts";
import { chromiumAvailable, launchChromium, openPage, startServer, type TestServer } from "./helpers/browser.ts";

const CHART = '[data-chart="vision-resnet50-gp3-sweep"]';

describe.skipIf(!chromiumAvailable())("Sweep tab in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let dir: string;
  let sweepFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "stallsim-sweep-ui-"));
    sweepFile = path.join(dir, "sweep.json");
    const argv = ["sweep", "vision-resnet50-gp3", "--param", "jobs[0].data.workers=2,4,8", "--fidelity", "bulk"];
    const status = await main([...argv, "--workers", "1", "--json", "-o", sweepFile]);
    expect(status).toBe(0);
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    ({ page, errors } = await openPage(browser, server.url));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("a file or pasted text that is not a sweep says why", async () => {
    await page.click("#tab-sweep");
    await page.setInputFiles("input.sweep-file", {
      name: "scenario.json",
      mimeType: "application/json",
      buffer: Buffer.from('{"name": "a scenario", "jobs": []}'),
    });
    expect(await page.textContent(".sweep-error")).toMatch(/lacks the "sweep" object or the "points" list/);
    await page.fill(".sweep-paste", "stallsim: invalid sweep point 1 of 6");
    await page.click(".sweep-show");
    expect(await page.textContent(".sweep-error")).toMatch(/^Not JSON \(/);
    expect(await page.locator(CHART).count()).toBe(0);
  });

  test("a real sweep's JSON is drawn as a chart with a dot per point and listed as a table", async () => {
    await page.setInputFiles("input.sweep-file", sweepFile);
    await page.waitForSelector(`${CHART} svg [aria-label="dot"] circle`);
    expect(await page.locator(".sweep-error").count()).toBe(0);
    expect(await page.textContent("#view-sweep .toolbar h1")).toBe("vision-resnet50-gp3");
    expect(await page.locator(`${CHART} svg [aria-label="dot"] circle`).count()).toBe(3);
    expect(await page.textContent(`${CHART} [aria-label="x-axis label"]`)).toContain("jobs[0].data.workers");
    expect(await page.textContent(`${CHART} [aria-label="y-axis label"]`)).toContain("Utilisation (%)");
    const rows = page.locator(".sweep-table tbody tr");
    expect(await rows.count()).toBe(3);
    expect(await rows.locator("td.param").allTextContents()).toEqual(["2", "4", "8"]);
    expect(await rows.first().textContent()).toMatch(/\d+\.\d%/);
    expect(await page.textContent(".sweep-meta")).toContain("from sweep.json");
  });

  test("the metric picker redraws the chart in the metric's unit, and the chart downloads as SVG", async () => {
    await page.selectOption(`${CHART} select[data-metric]`, "totalUsd");
    expect(await page.textContent(`${CHART} [aria-label="y-axis label"]`)).toContain("Cost to finish (USD)");
    expect(await page.textContent(`${CHART} h3`)).toBe("Cost to finish by jobs[0].data.workers");
    const [svg] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(`${CHART} button:text("SVG")`).click(),
    ]);
    expect(svg.suggestedFilename()).toBe("vision-resnet50-gp3-sweep-totalUsd.svg");
    expect(readFileSync((await svg.path())!, "utf8")).toContain("Cost to finish by jobs[0].data.workers");
    expect(errors).toEqual([]);
  });
});
