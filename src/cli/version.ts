/**
 * The stallsim version from package.json (written into shard files, so shards of different versions are
 * not merged).
 */
export { VERSION } from "../scenarios/project.ts";
