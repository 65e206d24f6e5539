// Whether the compiled build in dist/ (bin/build.js) is up to date with the sources it was built from: its
// build-info.json records the newest modification time of every file under its inputs (src/, web/,
// package.json) at build time; any file newer than that, added, or a missing build means "use the sources".
// Walking the ~350 files takes a few milliseconds.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** What the build is made from, relative to the project root. */
export const BUILD_INPUTS = ["src", "web", "package.json"];

/** The newest modification time (ms) and the number of files under `paths` (files or folders, recursively). */
export function newestInput(root, paths = BUILD_INPUTS) {
  let newest = 0;
  let files = 0;
  const visit = (p) => {
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) visit(join(p, name));
      return;
    }
    files++;
    if (s.mtimeMs > newest) newest = s.mtimeMs;
  };
  for (const p of paths) visit(join(root, p));
  return { newestMs: newest, files };
}

/**
 * The compiled entry (`dist/stallsim.js`) of the project at `root` (a path) when it is up to date, else
 * undefined.
 */
export function compiledEntry(root) {
  let info;
  try {
    info = JSON.parse(readFileSync(join(root, "dist", "build-info.json"), "utf8"));
  } catch {
    return undefined;
  }
  try {
    const now = newestInput(root, info.inputs);
    return now.newestMs <= info.newestMs && now.files === info.files ? join(root, "dist", "stallsim.js") : undefined;
  } catch {
    return undefined;
  }
}
