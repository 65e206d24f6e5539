#!/usr/bin/env node
// Compiles the command line to plain JavaScript in dist/ (what bin/stallsim.js runs, so no command pays for
// transpiling TypeScript at start): src/cli/entry.ts and the two worker-thread tasks, bundled with esbuild,
// split into chunks so each command loads only its own code; npm packages stay external. `npm install` runs
// it (the `prepare` script); so does `npm run build`. Usage: node bin/build.js [OUTDIR] (default dist).
import { build } from "esbuild";
import { rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILD_INPUTS, newestInput } from "./compiled.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = resolve(root, process.argv[2] ?? "dist");
const inputs = newestInput(root);
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: [
    { in: "src/cli/entry.ts", out: "stallsim" },
    // Worker threads load these by name beside the code that starts them (pool.ts, run-manager.ts).
    { in: "src/scenarios/many/point-task.ts", out: "point-worker" },
    { in: "src/api/runs/run-task.ts", out: "run-worker" },
  ],
  outdir,
  bundle: true,
  splitting: true,
  // Chunks beside the entries: code that finds a worker by `new URL("./point-worker.js", import.meta.url)`
  // finds it in the same folder.
  chunkNames: "chunk-[hash]",
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
writeFileSync(
  join(outdir, "build-info.json"),
  `${JSON.stringify({ inputs: BUILD_INPUTS, newestMs: inputs.newestMs, files: inputs.files }, null, 2)}\n`,
);
