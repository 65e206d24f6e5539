/**
 * The stallsim version from package.json (written into shard files, so shards of different versions are
 * not merged).
 */
import { readFileSync } from "node:fs";

/** e.g. `0.1.0`. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
