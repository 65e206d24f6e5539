/**
 * Where stallsim's own files are (package.json, bundled scenarios, migrations, the web UI's sources), both
 * when it runs from its TypeScript sources (tsx, vitest) and from the compiled build in dist/ (bin/build.js):
 * the project root is the nearest folder above this module whose package.json is stallsim's. Paths are built
 * from the root, never relative to a module, so they hold wherever the bundler puts the code.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const readJson = (file: string): { name?: unknown; version?: unknown } =>
  JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };

function findRoot(from: string): string {
  for (let dir = path.dirname(from); ;) {
    const file = path.join(dir, "package.json");
    if (existsSync(file) && readJson(file).name === "stallsim") return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`stallsim's package.json not found in any folder above ${from}`);
    dir = up;
  }
}

/** The folder with stallsim's package.json. */
export const PROJECT_ROOT: string = findRoot(fileURLToPath(import.meta.url));

/** A path inside the project: `projectPath("src", "scenarios", "bundled")`. */
export const projectPath = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);

/** The stallsim version (package.json), e.g. `0.1.0`. */
export const VERSION: string = String(readJson(projectPath("package.json")).version);
