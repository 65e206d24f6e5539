// The piscina worker of the sweep pool (pool.ts): a plain JavaScript bootstrap, because worker threads do not
// inherit the TypeScript loader of the main thread (bin/stallsim.js, vitest). It registers tsx in this thread,
// then loads the TypeScript task (point-task.ts) and exports it as the worker's default function.
import { register } from "tsx/esm/api";

register();
const { runPointTask } = await import("./point-task.ts");

export default runPointTask;
