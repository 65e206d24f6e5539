/**
 * The web UI in real headless Chromium against the real server: pick and run a bundled scenario and see
 * its charts, see validation errors next to the field they name, edit through the form and the text,
 * download a chart, compare runs, and give the bearer token when the server asks for one.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  chromiumAvailable,
  launchChromium,
  openPage,
  pickScenario,
  runAndWait,
  startServer,
  type TestServer,
} from "./helpers/browser.ts";

/** The smallest bundled scenarios (one node each, a second or less to simulate). */
const SMALL = "mlperf-unet3d-h100";
const SMALL_2 = "vision-resnet50-gp3";

const count = (page: Page, selector: string) => page.locator(selector).count();

describe.skipIf(!chromiumAvailable())("web UI in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    ({ page, errors } = await openPage(browser, server.url));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("the page lists the bundled scenarios and loads the first into the form and the editor", async () => {
    expect(await count(page, "[data-scenario]")).toBeGreaterThanOrEqual(8);
    expect(await page.inputValue("textarea.editor")).toMatch(/^name: /);
    expect(await count(page, ".form-section")).toBeGreaterThan(2);
  });

  test("running a bundled scenario shows its key numbers and draws every chart", async () => {
    await pickScenario(page, SMALL);
    await runAndWait(page);
    expect(await page.textContent(".toolbar h1")).toBe(SMALL);
    expect(await page.textContent(".badge")).toBe("done");
    expect(await page.textContent('[data-kpi="utilisation"] .kpi-value')).toMatch(/^\d+\.\d%$/);
    expect(await page.textContent('[data-kpi="total"] .kpi-value')).toMatch(/^\$/);
    expect(await count(page, ".diagnosis li")).toBeGreaterThan(0);
    const bars = '[data-chart$="gpu-time-by-cause"] svg [aria-label="bar"] rect';
    expect(await count(page, bars)).toBeGreaterThan(0);
    // The timeline charts draw marks, or say that there is nothing to draw.
    for (const chart of ["utilisation", "storage-throughput", "timeline"]) {
      const card = page.locator(`[data-chart="${SMALL}-unet3d-${chart}"]`);
      const marks = await card.locator("svg [aria-label] path, svg [aria-label] rect").count();
      const note = await card.locator(".empty-chart").count();
      expect(marks + note, chart).toBeGreaterThan(0);
    }
    expect(await page.getAttribute('a:text("Download CSV")', "href")).toMatch(/^\/api\/runs\/[^/]+\/result\.csv$/);
    expect(await page.textContent(".run-meta")).toMatch(/run r\d{8} /);
    expect(await count(page, '[data-card="finance"] tbody tr')).toBeGreaterThan(0);
  });

  test("the cause chart switches to dollars with units on its axis", async () => {
    const axis = '[data-chart$="gpu-time-by-cause"] [aria-label="x-axis label"]';
    expect(await page.textContent(axis)).toContain("GPU-hours");
    await page.click('[data-unit="usd"]');
    expect(await page.textContent(axis)).toContain("USD");
  });

  test("a chart downloads as an SVG document and as a PNG image", async () => {
    const card = page.locator('[data-chart$="gpu-time-by-cause"]');
    const [svg] = await Promise.all([page.waitForEvent("download"), card.locator('button:text("SVG")').click()]);
    expect(svg.suggestedFilename()).toBe(`${SMALL}-unet3d-gpu-time-by-cause.svg`);
    const svgText = readFileSync((await svg.path())!, "utf8");
    expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain("GPU time by cause");
    const [png] = await Promise.all([page.waitForEvent("download"), card.locator('button:text("PNG")').click()]);
    expect(png.suggestedFilename()).toBe(`${SMALL}-unet3d-gpu-time-by-cause.png`);
    expect(
      readFileSync((await png.path())!)
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
  });

  test("an invalid GPU count shows its error next to the GPUs field", async () => {
    await page.click("#tab-scenario");
    const field = page.locator('[data-path="jobs.0.gpus"]');
    await field.locator("input").fill("-1");
    await expect
      .poll(() => field.locator(".field-error").textContent(), { timeout: 10_000 })
      .toMatch(/negative|positive|too small|≥|>/i);
    expect(await field.locator("input").getAttribute("aria-invalid")).toBe("true");
    expect(await page.inputValue("textarea.editor")).toContain("gpus: -1");
    await field.locator("input").fill("8");
    await expect.poll(() => field.locator(".field-error").textContent(), { timeout: 10_000 }).toBe("");
  });

  test("a misspelt preset typed in the text shows by the form's preset field, with a suggestion", async () => {
    const text = await page.inputValue("textarea.editor");
    await page.fill("textarea.editor", text.replace("preset: fsx-lustre", "preset: fsx-lustra"));
    const field = page.locator('[data-path="storage.lustre.preset"]');
    await expect.poll(() => field.locator(".field-error").textContent(), { timeout: 10_000 }).toContain("fsx-lustre");
    await page.fill("textarea.editor", text);
    await expect.poll(() => field.locator(".field-error").textContent(), { timeout: 10_000 }).toBe("");
  });

  test("a form edit changes only that value in the YAML text, comments kept", async () => {
    const before = await page.inputValue("textarea.editor");
    await page.locator('[data-path="jobs.0.data.workers"] input').fill("8");
    await expect.poll(() => page.inputValue("textarea.editor")).toContain("workers: 8");
    const after = await page.inputValue("textarea.editor");
    expect(after).toBe(before.replace("workers: 4", "workers: 8"));
    expect(after).toContain("# Workload from mlcommons");
  });

  test("a YAML syntax error is shown by the editor with its line", async () => {
    const text = await page.inputValue("textarea.editor");
    await page.fill("textarea.editor", `${text}\n  bad: [unclosed\n`);
    await expect.poll(() => page.locator(".editor-problems li").first().textContent()).toMatch(/line \d+/);
    await page.fill("textarea.editor", text);
    await expect.poll(() => count(page, ".editor-problems li")).toBe(0);
  });

  test("two runs compare side by side: cost against utilisation and idle hours by cause", async () => {
    await pickScenario(page, SMALL_2);
    await runAndWait(page);
    await page.locator(".run input[type=checkbox]").nth(0).check();
    await page.locator(".run input[type=checkbox]").nth(1).check();
    await page.click(".compare-button");
    await page.waitForSelector('[data-chart="compare-cost-vs-utilisation"] svg [aria-label="dot"] circle');
    expect(await count(page, '[data-chart="compare-cost-vs-utilisation"] svg [aria-label="dot"] circle')).toBe(2);
    const bars = await count(page, '[data-chart="compare-idle-by-cause"] svg [aria-label="bar"] rect');
    expect(bars).toBeGreaterThan(0);
    expect(bars % 2).toBe(0);
    expect(await count(page, ".compare-table tbody tr")).toBe(2);
    // Labelled by what differs between the runs, ids whole (issue 13, defect 8: every run read "r00000").
    const labels = await page.locator(".compare-table tbody th").allTextContents();
    expect(new Set(labels).size).toBe(2);
    for (const l of labels) expect(l).not.toMatch(/^r0+$/);
    for (const id of await page.locator(".compare-table .run-id").allTextContents()) expect(id).toMatch(/^r\d{8}$/);
  });

  // Regression (issue 13, defect 1): the cards and the sidebar added three alternative designs together.
  test("side-by-side designs: a verdict, one row each, the sidebar counts alternatives, never a sum", async () => {
    const meta = page.locator('[data-scenario="checkpoint-vs-reads"] .meta');
    expect(await meta.textContent()).toBe("3 alternatives · up to 8 GPUs each");
    await pickScenario(page, "cluster-storage-designs");
    await runAndWait(page);
    expect(await count(page, '[data-card="comparison"] tbody tr')).toBe(3);
    expect(await page.textContent(".verdict")).toMatch(/^nvme-cache is the cheapest way to do the same work/);
    expect(await page.getAttribute(".alternative", "data-alternative")).toBe("shared-lustre");
    await page.click('[data-alternative="rwo-gp3"] button');
    await expect.poll(() => page.getAttribute(".alternative", "data-alternative")).toBe("rwo-gp3");
    expect(await page.textContent(".alternative-title")).toContain("cluster design, 32 GPUs");
  });

  // Regression (issue 13, defect 5): serving results showed 0.0% utilisation, a 0.000000 bar, flat "0000" axes.
  test("serving: GPU time by serving cause, TTFT and cold-start charts, weight-load throughput", async () => {
    expect(await page.locator('[data-scenario="inference-mig-cold-start"] .meta').textContent()).toBe(
      "2 alternatives · up to 1 GPU each",
    );
    await pickScenario(page, "inference-mig-cold-start");
    await runAndWait(page);
    const utilisation = await page.textContent('[data-kpi="utilisation"] .kpi-value');
    expect(Number(utilisation!.replace("%", ""))).toBeGreaterThan(0);
    const labels = await page.locator('[data-chart$="gpu-time-by-cause"] [class$="-swatch"]').allTextContents();
    expect(labels.join(" ")).toMatch(/Model load/);
    expect(await count(page, '[data-chart$="-ttft"] svg [aria-label="rect"] rect')).toBeGreaterThan(0);
    expect(await count(page, '[data-chart$="-cold-starts"] svg [aria-label="bar"] rect')).toBeGreaterThan(0);
    const axis = await page
      .locator('[data-chart$="-storage-throughput"] [aria-label="y-axis tick label"] text')
      .allTextContents();
    expect(new Set(axis).size).toBe(axis.length); // distinct ticks, not "0000"
    expect(await page.textContent('[data-chart$="-storage-throughput"] h3')).toContain("model weights loaded");
  });

  test("no uncaught errors in the page", () => {
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!chromiumAvailable())("web UI with a bearer token", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ token: "s3cret" }), launchChromium()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("asks for the token on the first 401, keeps it for the tab and sends it on writes", async () => {
    const { page } = await openPage(browser, server.url);
    await page.waitForSelector("dialog.token-dialog[open]", { timeout: 10_000 });
    await page.fill("dialog.token-dialog input", "s3cret");
    await page.click('dialog.token-dialog button[value="ok"]');
    await page.waitForSelector(".validation.valid", { timeout: 10_000 });
    expect(await page.evaluate(() => sessionStorage.getItem("stallsim.token"))).toBe("s3cret");
    await runAndWait(page);
    expect(await count(page, "dialog.token-dialog")).toBe(0);
  });
});
