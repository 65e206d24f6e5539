/**
 * The HTTP API as typed functions (docs/api.md). Every non-2xx answer becomes an `ApiError` carrying the
 * server's `{code, message, issues}`; a 401 asks for the bearer token once (see token.ts) and retries.
 */
import { askForToken, storedToken, storeToken } from "./token.ts";
import type { ApiIssue, BundledScenario, CompareRun, Presets, RunResult, RunStatus, RunSummary } from "./types.ts";

/** An error answer of the API. `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: readonly ApiIssue[];
  constructor(status: number, code: string, message: string, issues: readonly ApiIssue[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const write = method !== "GET";
  for (let attempt = 0; ; attempt++) {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    const token = storedToken();
    if (write && token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new ApiError(0, "NETWORK", `cannot reach the server: ${(err as Error).message}`);
    }
    if (res.status === 401 && attempt < 2) {
      if (token) storeToken(null);
      if ((await askForToken(token !== null)) !== null) continue;
    }
    if (res.status === 204) return undefined as T;
    const payload: unknown = await res.json().catch(() => null);
    if (res.ok) return payload as T;
    const error = (payload as { error?: { code?: string; message?: string; issues?: ApiIssue[] } } | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? `HTTP_${res.status}`,
      error?.message ?? res.statusText,
      error?.issues,
    );
  }
}

/** What a valid scenario is, according to the server. */
export interface Validation {
  valid: true;
  name: string;
  jobs: number;
  /** Alternatives the run will report side by side. */
  alternatives: number;
  /** Settings that are valid but almost surely not meant, each at its field. */
  warnings?: ApiIssue[];
  work?: unknown;
}

/** Options of a new run; omitted ones come from the scenario. */
export interface RunOptions {
  seed?: number;
  replications?: number;
  fidelity?: "auto" | "per-step" | "bulk";
}

export const api = {
  scenarios: () => request<BundledScenario[]>("GET", "/api/scenarios"),
  scenario: (name: string) =>
    request<{ name: string; description: string; text: string }>("GET", `/api/scenarios/${encodeURIComponent(name)}`),
  presets: () => request<Presets>("GET", "/api/presets"),
  validate: (text: string) => request<Validation>("POST", "/api/scenarios/validate", { text }),
  startRun: (text: string, options: RunOptions = {}) =>
    request<{ id: string; status: RunStatus }>("POST", "/api/runs", { text, ...options }),
  runs: (limit = 50) => request<{ runs: RunSummary[]; total: number }>("GET", `/api/runs?limit=${limit}`),
  run: (id: string) => request<RunSummary>("GET", `/api/runs/${encodeURIComponent(id)}`),
  result: (id: string) => request<RunResult>("GET", `/api/runs/${encodeURIComponent(id)}/result`),
  runScenario: (id: string) => request<{ text: string }>("GET", `/api/runs/${encodeURIComponent(id)}/scenario`),
  deleteRun: (id: string) => request<void>("DELETE", `/api/runs/${encodeURIComponent(id)}`),
  rerun: (id: string) =>
    request<{ id: string; status: RunStatus }>("POST", `/api/runs/${encodeURIComponent(id)}/rerun`, {}),
  compare: (ids: readonly string[]) =>
    request<{ runs: CompareRun[] }>("GET", `/api/compare?ids=${ids.map(encodeURIComponent).join(",")}`),
};

/** The CSV export's address (a plain link: the browser downloads it). */
export const csvUrl = (id: string): string => `/api/runs/${encodeURIComponent(id)}/result.csv`;

/** A run's error as text, whatever shape the server sent. */
export function runErrorText(run: RunSummary): string {
  if (run.error === null || run.error === undefined) return `run ${run.status}`;
  return typeof run.error === "string" ? run.error : run.error.message;
}
