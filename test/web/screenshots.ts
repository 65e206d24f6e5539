/**
 * `npm run screenshots`: starts the real server, drives the UI in headless Chromium at 1366 px wide and
 * saves the pictures the README links to under docs/screenshots/: the scenario form and editor, a training run's
 * results (its finance card included), cluster designs side by side, a serving run (MIG cold starts), a
 * comparison of the three llm-pretrain storage designs, a validation error by its field, and a sweep of
 * checkpoint interval by checkpoint throughput (run by the CLI's `main` here) in the Sweep tab.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { main as cli } from "../../src/cli/main.ts";
import {
  CHROMIUM,
  chromiumAvailable,
  launchChromium,
  openPage,
  pickScenario,
  runAndWait,
  startServer,
} from "./helpers/browser.ts";

const OUT = path.resolve("docs/screenshots");
const DESIGNS = ["llm-pretrain-ebs-gp3", "llm-pretrain-lustre", "llm-pretrain-local-nvme"];

/** Saves the whole page, the viewport grown to the content so the sidebar reaches the bottom. */
async function shoot(page: Page, name: string, full = false): Promise<void> {
  await page.evaluate(() => document.querySelector(".sidebar")?.scrollTo(0, 0));
  if (full) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1366, height: Math.max(768, height) });
  }
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  await page.setViewportSize({ width: 1366, height: 768 });
  console.log(`docs/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  if (!chromiumAvailable()) throw new Error(`no Chromium at ${CHROMIUM}`);
  mkdirSync(OUT, { recursive: true });
  const [server, browser] = await Promise.all([startServer(), launchChromium()]);
  try {
    const { page } = await openPage(browser, server.url);

    await pickScenario(page, "checkpoint-vs-reads");
    await shoot(page, "scenario");

    await pickScenario(page, "llm-pretrain-ebs-gp3");
    await runAndWait(page);
    await shoot(page, "results", true);
    await page.locator('[data-card="finance"]').scrollIntoViewIfNeeded();
    await page.locator('[data-card="finance"]').screenshot({ path: path.join(OUT, "finance.png") });
    console.log("docs/screenshots/finance.png");

    await pickScenario(page, "cluster-storage-designs");
    await runAndWait(page);
    await shoot(page, "designs", true);

    await pickScenario(page, "inference-mig-cold-start");
    await runAndWait(page);
    await shoot(page, "inference", true);

    for (const name of DESIGNS.filter((d) => d !== "llm-pretrain-ebs-gp3")) {
      await pickScenario(page, name);
      await runAndWait(page);
    }
    for (const name of DESIGNS)
      await page
        .locator(".run", { has: page.locator(`.name:text-is("${name}")`) })
        .locator("input")
        .check();
    await page.click(".compare-button");
    await page.waitForSelector('[data-chart="compare-cost-vs-utilisation"] svg [aria-label="dot"] circle');
    await shoot(page, "compare", true);

    await pickScenario(page, "node-failure-rwo-vs-rwx");
    // One edit at a time, each waited for in the text: the form writes a moment after typing stops.
    await page.locator('[data-path="jobs.0.gpus"] input').fill("-1");
    await page.waitForFunction(() => document.querySelector("textarea")?.value.includes("gpus: -1"));
    await page.locator('[data-path="storage.gp3.preset"] select').selectOption("ebs-io2");
    await page.waitForFunction(() => document.querySelector("textarea")?.value.includes("preset: ebs-io2"));
    // Typed in the text: a misspelt preset (shown by its field) and an unknown key (shown by the editor).
    const text = await page.inputValue("textarea.editor");
    await page.fill(
      "textarea.editor",
      text.replace("preset: nfs-share", "preset: nfs-shares").replace("seed: 3", "seeed: 3"),
    );
    await page.waitForSelector('[data-path="storage.efs.preset"].invalid', { timeout: 15_000 });
    await page.waitForSelector('[data-path="jobs.0.gpus"].invalid', { timeout: 15_000 });
    await page.waitForSelector(".editor-problems li", { timeout: 15_000 });
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      document.querySelector("textarea")?.scrollTo(0, 0);
    });
    await shoot(page, "validation-error");

    const dir = mkdtempSync(path.join(tmpdir(), "stallsim-shots-"));
    try {
      const file = path.join(dir, "sweep.json");
      const status = await cli([
        ...["sweep", "llm-pretrain-ebs-gp3", "--fidelity", "bulk", "--json", "-o", file],
        ...["--param", "jobs[0].checkpoint.interval=15m,30m,1h,2h,4h"],
        ...["--param", "storage.checkpoints.throughput=250MiB/s,500MiB/s,1000MiB/s"],
      ]);
      if (status !== 0) throw new Error(`stallsim sweep exited with ${status}`);
      await page.click("#tab-sweep");
      await page.setInputFiles("input.sweep-file", file);
      await page.waitForSelector('[data-chart$="-sweep"] svg [aria-label="dot"] circle');
      await page.selectOption("select[data-metric]", "idlePerYearUsd");
      await shoot(page, "sweep", true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
