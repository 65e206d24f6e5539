/**
 * What the browser tests and the screenshot script share: the real server (`buildApp` from src/api/app.ts
 * listening on a free port of 127.0.0.1, with a temporary data directory) and headless Chromium driven by
 * playwright-core. Chromium is the system's (`/usr/bin/chromium`, Debian's package); without it the browser
 * tests are skipped, unless `CI` is set, where they fail.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildApp } from "../../../src/api/app.ts";

export const CHROMIUM = process.env.STALLSIM_CHROMIUM ?? "/usr/bin/chromium";

/** Whether the browser tests can run; throws under CI when Chromium is missing. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `browser tests need Chromium at ${CHROMIUM} (Debian: apt-get install chromium; or set STALLSIM_CHROMIUM)`;
  if (process.env.CI) throw new Error(`${message}; CI is set, so this is a failure`);
  console.warn(`skipping the browser tests: ${message}`);
  return false;
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** The real application on a free port, with its database in a fresh temporary directory. */
export async function startServer(options: { token?: string } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "stallsim-web-"));
  const app = await buildApp({ dataDir, workers: 1, token: options.token });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error(`unexpected server address: ${address}`);
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** A laptop-sized page that records uncaught errors (the tests assert there are none). */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector("body[data-ready]", { timeout: 20_000 });
  return { page, errors };
}

/** Picks a bundled scenario in the sidebar and waits until the server has called it valid. */
export async function pickScenario(page: Page, name: string): Promise<void> {
  await page.click(`[data-scenario="${name}"]`);
  await page.waitForFunction(
    (n) => document.querySelector(".toolbar h1")?.textContent === n && !!document.querySelector(".validation.valid"),
    name,
    { timeout: 20_000 },
  );
}

/** Runs the scenario in the editor and waits for the result's charts. */
export async function runAndWait(page: Page): Promise<void> {
  await page.click(".run-button");
  await page.waitForSelector('[data-chart] svg [aria-label="bar"] rect', { timeout: 30_000 });
}
