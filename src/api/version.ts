/**
 * The stallsim version (package.json), reported by `/api/health` and stored with every run.
 */
export { VERSION as STALLSIM_VERSION } from "../scenarios/project.ts";
