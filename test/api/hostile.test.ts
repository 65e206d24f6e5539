/**
 * Requests that used to knock the server over (issue 14), sent to a real `stallsim serve` in a child process,
 * which must answer `/api/health` afterwards: 100 million GPUs in a 1 KB body (the estimate ran out of heap), a
 * million requests a second for a century of serving, a body nested 5,000 deep, a body that never finishes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

let server: ChildProcess;
let address = "";
const data = mkdtempSync(path.join(tmpdir(), "stallsim-hostile-"));

beforeAll(async () => {
  server = spawn(process.execPath, ["bin/stallsim.js", "serve"], {
    env: { ...process.env, PORT: "0", STALLSIM_DATA_DIR: data, STALLSIM_REQUEST_TIMEOUT_MS: "1000" },
  });
  address = await new Promise<string>((resolve, reject) => {
    let text = "";
    server.stdout!.on("data", (d: Buffer) => {
      text += d.toString();
      const m = /listening on (http:\/\/\S+) /.exec(text);
      if (m) resolve(m[1]!);
    });
    server.on("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
}, 60_000);

afterAll(() => {
  server.kill("SIGTERM");
  rmSync(data, { recursive: true, force: true });
});

const post = async (url: string, body: string) => {
  const r = await fetch(`${address}${url}`, { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: r.status, body: (await r.json()) as { error?: { code: string; issues?: { path: unknown[] }[] } } };
};

async function stillUp(): Promise<void> {
  const r = await fetch(`${address}/api/health`);
  expect(r.status).toBe(200);
  expect(server.exitCode).toBeNull();
}

const job = (gpus: number) => ({
  name: "big",
  cluster: { nodeType: "p5.48xlarge" },
  storage: { d: { preset: "fsx-lustre", capacity: "100TB" } },
  jobs: [
    {
      name: "train",
      gpus,
      steps: 100,
      compute: { stepTime: "300ms" },
      data: { storage: "d", samplesPerStep: 4, sampleSize: "10MB", datasetSize: "1TB" },
    },
  ],
});

describe("a real server survives", () => {
  test("100 million GPUs in a small body: a 400 at jobs[0].gpus", async () => {
    const body = JSON.stringify({ scenario: job(100_000_000) });
    expect(body.length).toBeLessThan(1024);
    for (const url of ["/api/scenarios/validate", "/api/runs"]) {
      const r = await post(url, body);
      expect(r.status).toBe(400);
      expect(r.body.error!.issues![0]!.path).toEqual(["jobs", 0, "gpus"]);
    }
    await stillUp();
  });

  test("the largest job allowed (1,048,576 GPUs) is estimated at once", async () => {
    const r = await post("/api/scenarios/validate", JSON.stringify({ scenario: job(2 ** 20), fidelity: "per-step" }));
    expect(r.status).toBe(200);
    await stillUp();
  });

  test("a million requests a second for 100 years of serving: a 400 at the arrival rate", async () => {
    const s = {
      ...job(8),
      inference: [
        {
          name: "flood",
          model: "llama-3.1-8b",
          storage: "d",
          arrivals: { kind: "poisson", rate: 1_000_000 },
          duration: `${100 * 8766}h`,
        },
      ],
    };
    const r = await post("/api/runs", JSON.stringify({ scenario: s }));
    expect(r.status).toBe(400);
    expect(r.body.error!.issues!.map((i) => i.path)).toContainEqual(["inference", 0, "arrivals", "rate"]);
    await stillUp();
  });

  test("a body nested 5,000 deep: a 400 naming where, not a stack overflow", async () => {
    let inner = "1";
    for (let i = 0; i < 5000; i++) inner = `{"a":${inner}}`;
    const r = await post("/api/scenarios/validate", `{"scenario":{"name":"x","description":${inner}}}`);
    expect(r.status).toBe(400);
    expect(r.body.error!.issues![0]!.path.slice(0, 3)).toEqual(["scenario", "description", "a"]);
    await stillUp();
  });

  test("a body that declares 100 bytes and sends 10 is cut off after the request timeout", async () => {
    const url = new URL(address);
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST /api/scenarios/validate HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
            'Content-Length: 100\r\n\r\n{"text": "',
        );
      });
      let text = "";
      socket.on("data", (d) => (text += d.toString()));
      socket.on("close", () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    await stillUp();
  }, 20_000);
});
