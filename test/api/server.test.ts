/**
 * The real server (`node bin/stallsim.js serve`, as `npm start` runs it) in a child process: it prints its
 * address, serves the API, and after a SIGKILL in the middle of a run it loses no completed run and marks the
 * interrupted one failed when it starts again.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

/** Starts the server on a free port with `dataDir`; resolves to its base URL once it prints it. */
async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["bin/stallsim.js", "serve"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", STALLSIM_DATA_DIR: dataDir, STALLSIM_WORKERS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${out}${err}`)));
    setTimeout(() => reject(new Error(`server did not start in 20 s: ${out}${err}`)), 20_000).unref();
  });
  return { url, child };
}

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> });
const post = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(
    json,
  );
const get = (url: string) => fetch(url).then(json);

async function until(url: string, ok: (run: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (;;) {
    const { body } = await get(url);
    if (ok(body)) return body;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("stallsim serve", () => {
  test("a SIGKILL mid-run loses no completed run; the interrupted one is failed after a restart", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "stallsim-serve-"));
    const first = await startServer(dataDir);
    expect((await get(`${first.url}/api/health`)).body.ok).toBe(true);

    const done = await post(`${first.url}/api/runs`, { bundled: "mlperf-unet3d-h100" });
    expect(done.status).toBe(202);
    const doneUrl = `${first.url}/api/runs/${done.body.id as string}`;
    await until(doneUrl, (r) => r.status === "done");
    const result = await (await fetch(`${doneUrl}/result`)).text();

    const long = await post(`${first.url}/api/runs`, { bundled: "checkpoint-vs-reads", replications: 60 });
    const longId = long.body.id as string;
    await until(`${first.url}/api/runs/${longId}`, (r) => r.status === "running");
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));

    const second = await startServer(dataDir);
    const kept = await get(`${second.url}/api/runs/${done.body.id as string}`);
    expect(kept.body.status).toBe("done");
    expect(await (await fetch(`${second.url}/api/runs/${done.body.id as string}/result`)).text()).toBe(result);
    const interrupted = await get(`${second.url}/api/runs/${longId}`);
    expect(interrupted.body).toMatchObject({
      status: "failed",
      error: { message: "interrupted: the server stopped before the run finished" },
    });

    second.child.kill("SIGTERM");
    const code = await new Promise((r) => second.child.once("exit", r));
    expect(code).toBe(0);
  });
});
