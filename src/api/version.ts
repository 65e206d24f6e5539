/**
 * The stallsim version (package.json), reported by `/api/health` and stored with every run.
 */
import { readFileSync } from "node:fs";

/** e.g. `0.1.0`. */
export const STALLSIM_VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
