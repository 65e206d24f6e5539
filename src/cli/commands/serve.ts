/**
 * `stallsim serve`: the HTTP API and the web UI (what `npm start` runs). Settings come from the environment
 * (docs/api.md): HOST, PORT, STALLSIM_DATA_DIR, STALLSIM_TOKEN, STALLSIM_BODY_LIMIT, STALLSIM_WORK_BUDGET,
 * STALLSIM_MAX_QUEUED, STALLSIM_WORKERS. Prints the address, then serves until SIGINT or SIGTERM.
 */
import { startServer } from "../../api/server.ts";
import { out, reportError } from "../io.ts";

/** Serves until a signal; resolves to the exit status. */
export async function serve(): Promise<number> {
  let server;
  try {
    server = await startServer();
  } catch (e) {
    return reportError(e, false);
  }
  out(`stallsim listening on ${server.address} (API ${server.address}/api, docs ${server.address}/api/docs)`);
  await server.closed;
  return 0;
}
