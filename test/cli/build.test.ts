/**
 * The compiled command line (bin/build.js → dist/): it prints exactly what the TypeScript sources print,
 * its worker threads (sweep points, API runs) load from the build, and bin/stallsim.js uses it only while it
 * is up to date with the sources (compiled.js), so an edit never runs stale code.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
// @ts-expect-error: plain JavaScript beside the bin entry, without type declarations.
import { compiledEntry, newestInput } from "../../bin/compiled.js";

// Under node_modules (ignored by git and the linters); the build finds the project root by walking up.
const OUT = path.resolve("node_modules", ".cache", `stallsim-build-test-${process.pid}`);
const compiled = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(OUT, "stallsim.js"), ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
const fromSource = (args: string[]) =>
  spawnSync(process.execPath, ["bin/stallsim.js", ...args], {
    encoding: "utf8",
    env: { ...process.env, STALLSIM_FROM_SOURCE: "1" },
  });

beforeAll(() => {
  execFileSync(process.execPath, ["bin/build.js", OUT], { stdio: "inherit" });
}, 60_000);
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe("the compiled command line", () => {
  test.each([
    [["--help"]],
    [["list", "--json"]],
    [["run", "checkpoint-vs-reads", "--fidelity", "bulk", "--json"]],
    [["run", "no-such-scenario"]],
    [["calibrate", "calibration/runs/vm-vda-ext4-2026-11-24", "--name", "vm", "--json"]],
  ])(
    "stallsim %j prints what the sources print, with the same exit status",
    (args) => {
      const a = compiled(args);
      const b = fromSource(args);
      expect(a.status).toBe(b.status);
      expect(a.stdout).toBe(b.stdout);
      expect(a.stderr).toBe(b.stderr);
    },
    60_000,
  );

  test("a sweep on two worker threads loads the workers from the build", () => {
    const args = ["sweep", "checkpoint-vs-reads", "--param", "jobs[0].data.workers=4,8", "--workers", "2", "--json"];
    const a = compiled(args);
    expect(a.status, a.stderr).toBe(0);
    const strip = (s: string) => s.replace(/"(wallSeconds|seconds)":[\d.e-]+/g, "");
    expect(strip(a.stdout)).toBe(strip(fromSource(args).stdout));
  }, 60_000);

  test("the server runs a submitted scenario on its worker thread and serves the UI", async () => {
    const data = mkdtempSync(path.join(tmpdir(), "stallsim-build-"));
    const server = spawn(process.execPath, [path.join(OUT, "stallsim.js"), "serve"], {
      env: { ...process.env, PORT: "0", STALLSIM_DATA_DIR: data },
    });
    try {
      const address = await new Promise<string>((resolve, reject) => {
        let text = "";
        server.stdout.on("data", (d: Buffer) => {
          text += d.toString();
          const m = /listening on (http:\/\/\S+) /.exec(text);
          if (m) resolve(m[1]!);
        });
        server.on("exit", (code) => reject(new Error(`server exited ${code}`)));
      });
      const post = await fetch(`${address}/api/runs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ bundled: "checkpoint-vs-reads", fidelity: "bulk" }),
      });
      const { id } = (await post.json()) as { id: string };
      let status = "queued";
      for (let i = 0; i < 300 && (status === "queued" || status === "running"); i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = ((await (await fetch(`${address}/api/runs/${id}`)).json()) as { status: string }).status;
      }
      expect(status).toBe("done");
      expect((await fetch(`${address}/app.js`)).status).toBe(200);
    } finally {
      server.kill("SIGTERM");
      rmSync(data, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("compiledEntry: the build is used only while it is up to date", () => {
  function project(): string {
    const root = mkdtempSync(path.join(tmpdir(), "stallsim-fresh-"));
    mkdirSync(path.join(root, "src", "cli"), { recursive: true });
    mkdirSync(path.join(root, "web"));
    mkdirSync(path.join(root, "dist"));
    writeFileSync(path.join(root, "package.json"), "{}");
    writeFileSync(path.join(root, "src", "cli", "main.ts"), "");
    writeFileSync(path.join(root, "web", "main.ts"), "");
    const inputs = newestInput(root) as { newestMs: number; files: number };
    const info = { inputs: ["src", "web", "package.json"], ...inputs };
    writeFileSync(path.join(root, "dist", "build-info.json"), JSON.stringify(info));
    return root;
  }

  test("fresh: the compiled entry", () => {
    const root = project();
    expect(compiledEntry(root)).toBe(path.join(root, "dist", "stallsim.js"));
  });

  test("a source edited after the build: the sources", () => {
    const root = project();
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, "src", "cli", "main.ts"), later, later);
    expect(compiledEntry(root)).toBeUndefined();
  });

  test("a source added after the build (even with an old time): the sources", () => {
    const root = project();
    const file = path.join(root, "web", "added.ts");
    writeFileSync(file, "");
    utimesSync(file, new Date(0), new Date(0));
    expect(compiledEntry(root)).toBeUndefined();
  });

  test("no build: the sources", () => {
    const root = project();
    rmSync(path.join(root, "dist"), { recursive: true });
    expect(compiledEntry(root)).toBeUndefined();
  });
});
