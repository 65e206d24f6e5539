/**
 * The application state and a minimal store: one object, replaced by `update(patch)`, with listeners told
 * which keys changed. Views subscribe to the keys they draw; nothing else holds state.
 */
import type { ParsedScenario } from "./scenario-doc.ts";
import { parseScenario } from "./scenario-doc.ts";
import type { SweepDocument } from "./sweep-doc.ts";
import type { ApiIssue, BundledScenario, CompareRun, RunResult, RunSummary } from "./types.ts";

export type Tab = "scenario" | "results" | "compare" | "sweep";

/** Who last changed the scenario text: views skip redrawing what they themselves just changed. */
export type TextOrigin = "load" | "form" | "editor";

export interface AppState {
  tab: Tab;
  bundled: BundledScenario[];
  storagePresets: string[];
  nodeTypes: string[];
  /** What the scenario in the editor came from: a bundled name, a file name, a run. */
  label: string;
  text: string;
  textOrigin: TextOrigin;
  parsed: ParsedScenario;
  /** Issues of the last validation (or the last refused run). */
  issues: ApiIssue[];
  /** Warnings of the last validation: valid settings that are almost surely not meant. */
  warnings: ApiIssue[];
  /** `null` before any validation of this text; a line such as "valid — 3 jobs" after one. */
  validation: { state: "pending" | "valid" | "invalid"; message: string } | null;
  /** The run being watched or shown. */
  run: RunSummary | null;
  result: RunResult | null;
  /** The alternative shown in detail (null: the first). */
  alternative: string | null;
  history: RunSummary[];
  /** Runs ticked for comparison. */
  compareIds: string[];
  compare: CompareRun[] | null;
  /** The sweep document opened in the Sweep tab, with the file name it came from. */
  sweep: { label: string; doc: SweepDocument } | null;
  /** Why the last text opened in the Sweep tab is not a sweep document. */
  sweepError: string | null;
  /** A message for the banner (errors the user should see but that belong to no field). */
  notice: { kind: "error" | "info"; text: string } | null;
}

export type Listener = (state: AppState, changed: ReadonlySet<keyof AppState>) => void;

export interface Store {
  get(): AppState;
  update(patch: Partial<AppState>): void;
  /** Calls `listener` after every update touching one of `keys` (any update when `keys` is empty). */
  subscribe(keys: readonly (keyof AppState)[], listener: Listener): void;
}

export function initialState(): AppState {
  return {
    tab: "scenario",
    bundled: [],
    storagePresets: [],
    nodeTypes: [],
    label: "",
    text: "",
    textOrigin: "load",
    parsed: parseScenario(""),
    issues: [],
    warnings: [],
    validation: null,
    run: null,
    result: null,
    alternative: null,
    history: [],
    compareIds: [],
    compare: null,
    sweep: null,
    sweepError: null,
    notice: null,
  };
}

export function createStore(state: AppState = initialState()): Store {
  const listeners: { keys: ReadonlySet<keyof AppState>; fn: Listener }[] = [];
  return {
    get: () => state,
    update(patch) {
      const changed = new Set(Object.keys(patch) as (keyof AppState)[]);
      state = { ...state, ...patch };
      for (const l of listeners) {
        if (l.keys.size === 0 || [...changed].some((k) => l.keys.has(k))) l.fn(state, changed);
      }
    },
    subscribe(keys, fn) {
      listeners.push({ keys: new Set(keys), fn });
    },
  };
}

/** The patch that puts new scenario text in the state, parsed, with the old validation cleared. */
export function textPatch(text: string, origin: TextOrigin): Partial<AppState> {
  return { text, textOrigin: origin, parsed: parseScenario(text), issues: [], warnings: [], validation: null };
}
