import { execFileSync, spawnSync } from "node:child_process";
import { afterEach, describe, expect, test, vi } from "vitest";
import { main } from "../../src/cli/main.ts";

async function capture(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = "";
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  const status = await main(argv);
  vi.restoreAllMocks();
  return { status, out, err };
}

describe("stallsim CLI", () => {
  afterEach(() => vi.restoreAllMocks());

  test("--help lists every command", async () => {
    const { status, out } = await capture(["--help"]);
    expect(status).toBe(0);
    expect(out).toMatch(/^stallsim \d+\.\d+\.\d+/);
    for (const c of ["run ", "list ", "serve ", "help ", "version "]) expect(out).toContain(`\n  ${c}`);
  });

  test("an unknown command exits 2 with one clear line, no stack trace", async () => {
    const { status, err } = await capture(["frobnicate"]);
    expect(status).toBe(2);
    expect(err).toContain("unknown command 'frobnicate'");
    expect(err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  test("an unknown option exits 2 naming the option", async () => {
    const { status, err } = await capture(["--bogus"]);
    expect(status).toBe(2);
    expect(err).toContain("--bogus");
  });

  test("the bin entry runs from the sources without a build step (a checkout before npm install builds dist/)", () => {
    const env = { ...process.env, STALLSIM_FROM_SOURCE: "1" };
    const out = execFileSync(process.execPath, ["bin/stallsim.js", "--version"], { encoding: "utf8", env });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const bad = spawnSync(process.execPath, ["bin/stallsim.js", "nope"], { encoding: "utf8", env });
    expect(bad.status).toBe(2);
  });
});
