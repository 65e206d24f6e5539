#!/usr/bin/env node
// The `stallsim` command. Runs the compiled build (dist/, made by `npm install` through bin/build.js) when it
// is up to date with the sources; otherwise (a checkout not yet installed, or sources edited since the build)
// the TypeScript sources through tsx, so it never runs stale code. STALLSIM_FROM_SOURCE=1 forces the sources.
import { fileURLToPath } from "node:url";
import { compiledEntry } from "./compiled.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const compiled = process.env.STALLSIM_FROM_SOURCE === "1" ? undefined : compiledEntry(root);
if (compiled !== undefined) {
  await import(new URL(`file://${compiled}`).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/entry.ts");
}
