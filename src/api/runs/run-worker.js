// The piscina worker: a plain JavaScript bootstrap, because worker threads do not inherit the TypeScript
// loader the main thread registered (bin/stallsim.js, vitest). It registers tsx in this thread, then loads
// the TypeScript task (run-task.ts) and exports it as the worker's default function.
import { register } from "tsx/esm/api";

register();
const { runTask } = await import("./run-task.ts");

export default runTask;
