/**
 * What the user can do, as async functions over the store and the API: load a scenario, validate it, run
 * it and follow its progress, open a past run, compare runs, open a sweep's JSON. Views call these; errors end up in the
 * state (issues next to fields, or the notice banner), never as unhandled rejections.
 */
import { api, ApiError, runErrorText, type RunOptions } from "./api-client.ts";
import { textPatch, type AppState, type Store } from "./state.ts";
import { readSweepDocument } from "./sweep-doc.ts";
import type { RunSummary } from "./types.ts";

/** How often a running run is polled, ms. */
const POLL_MS = 400;

export type Actions = ReturnType<typeof createActions>;

export function createActions(store: Store) {
  const set = (patch: Partial<AppState>) => store.update(patch);
  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.issues.length > 0) {
      set({ issues: [...err.issues], validation: { state: "invalid", message: summary(err) }, notice: null });
    } else {
      set({ notice: { kind: "error", text: err instanceof Error ? err.message : String(err) } });
    }
  };
  let validateSeq = 0;
  let watching: string | null = null;

  const actions = {
    /** Start-up: bundled scenarios, presets and history; none of them is essential. */
    async init() {
      const [bundled, presets] = await Promise.allSettled([api.scenarios(), api.presets()]);
      if (bundled.status === "fulfilled") set({ bundled: bundled.value });
      else fail(bundled.reason);
      if (presets.status === "fulfilled") {
        const names = (xs: unknown[]) => xs.map((x) => (typeof x === "string" ? x : (x as { name: string }).name));
        set({ storagePresets: names(presets.value.storage ?? []), nodeTypes: names(presets.value.nodeTypes ?? []) });
      }
      await actions.refreshHistory();
    },

    async loadBundled(name: string) {
      try {
        const { text } = await api.scenario(name);
        set({ ...textPatch(text, "load"), label: name, tab: "scenario", notice: null });
        location.hash = `scenario=${encodeURIComponent(name)}`;
        void actions.validate();
      } catch (err) {
        fail(err);
      }
    },

    /** Text from a file the user picked, or pasted. */
    loadText(text: string, label: string) {
      set({ ...textPatch(text, "load"), label, tab: "scenario", notice: null });
      void actions.validate();
    },

    /** New text from the form or the editor. */
    edit(text: string, origin: "form" | "editor") {
      set(textPatch(text, origin));
    },

    /** Asks the server whether the current text is a valid scenario; only the latest answer counts. */
    async validate() {
      const seq = ++validateSeq;
      const { text } = store.get();
      if (text.trim() === "") return;
      set({ validation: { state: "pending", message: "validating…" } });
      try {
        const v = await api.validate(text);
        if (seq !== validateSeq) return;
        const what =
          v.alternatives > 1
            ? `${v.alternatives} alternatives side by side`
            : `${v.jobs} job${v.jobs === 1 ? "" : "s"}`;
        const warnings = v.warnings ?? [];
        const note = warnings.length > 0 ? ` · ${warnings.length} warning${warnings.length === 1 ? "" : "s"}` : "";
        set({ issues: [], warnings, validation: { state: "valid", message: `✓ valid · ${what}${note}` } });
      } catch (err) {
        if (seq !== validateSeq) return;
        if (err instanceof ApiError && err.issues.length > 0) fail(err);
        else {
          set({ validation: null });
          fail(err);
        }
      }
    },

    async run(options: RunOptions = {}) {
      const { text } = store.get();
      try {
        const { id } = await api.startRun(text, options);
        set({ issues: [], notice: null, result: null, alternative: null, tab: "results", run: await api.run(id) });
        location.hash = `run=${encodeURIComponent(id)}`;
        void actions.refreshHistory();
        await actions.watch(id);
      } catch (err) {
        fail(err);
        if (err instanceof ApiError && err.issues.length > 0) set({ tab: "scenario" });
      }
    },

    /** Polls a run until it ends, then loads its result. */
    async watch(id: string) {
      watching = id;
      for (;;) {
        let run: RunSummary;
        try {
          run = await api.run(id);
        } catch (err) {
          if (watching === id) fail(err);
          return;
        }
        if (watching !== id) return;
        set({ run });
        if (run.status === "done") break;
        if (run.status === "failed" || run.status === "cancelled") {
          set({ notice: { kind: "error", text: `${run.name}: ${runErrorText(run)}` } });
          void actions.refreshHistory();
          return;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      try {
        const result = await api.result(id);
        if (watching === id) set({ result });
      } catch (err) {
        fail(err);
      }
      void actions.refreshHistory();
    },

    /** Shows a stored run: its result (or its progress) and its scenario text. */
    async openRun(id: string) {
      set({ tab: "results", result: null, alternative: null, notice: null });
      location.hash = `run=${encodeURIComponent(id)}`;
      try {
        const [run, scenario] = await Promise.all([api.run(id), api.runScenario(id).catch(() => null)]);
        set({
          run,
          ...(scenario ? { ...textPatch(scenario.text, "load"), label: `${run.name} (run ${id})` } : {}),
        });
        await actions.watch(id);
      } catch (err) {
        fail(err);
      }
    },

    async refreshHistory() {
      try {
        const { runs } = await api.runs();
        set({ history: runs });
      } catch (err) {
        fail(err);
      }
    },

    /** Deletes a run (the server cancels it first when it is queued or running). */
    async deleteRun(id: string) {
      if (watching === id) watching = null;
      try {
        await api.deleteRun(id);
        const s = store.get();
        set({
          compareIds: s.compareIds.filter((x) => x !== id),
          ...(s.run?.id === id ? { run: null, result: null } : {}),
        });
        await actions.refreshHistory();
      } catch (err) {
        fail(err);
      }
    },

    /** Shows one alternative of the result in detail. */
    showAlternative(name: string) {
      set({ alternative: name });
    },

    /** Runs a stored run again (same scenario, seed and options) and follows the new run. */
    async rerun(id: string) {
      try {
        const { id: next } = await api.rerun(id);
        set({ notice: null, result: null, alternative: null, tab: "results", run: await api.run(next) });
        location.hash = `run=${encodeURIComponent(next)}`;
        void actions.refreshHistory();
        await actions.watch(next);
      } catch (err) {
        fail(err);
      }
    },

    toggleCompare(id: string, on: boolean) {
      const ids = store.get().compareIds.filter((x) => x !== id);
      set({ compareIds: on ? [...ids, id] : ids });
    },

    async compare() {
      const ids = store.get().compareIds;
      set({ tab: "compare", compare: null, notice: null });
      if (ids.length === 0) return;
      try {
        const { runs } = await api.compare(ids);
        set({ compare: runs });
      } catch (err) {
        fail(err);
      }
    },

    /** Reads the JSON of `stallsim sweep --json` for the Sweep tab; keeps the last good sweep on a bad one. */
    openSweep(text: string, label: string) {
      const read = readSweepDocument(text);
      if (read.ok) set({ tab: "sweep", sweep: { label, doc: read.doc }, sweepError: null });
      else set({ tab: "sweep", sweepError: read.message });
    },

    showTab(tab: AppState["tab"]) {
      set({ tab });
    },

    dismissNotice() {
      set({ notice: null });
    },
  };
  return actions;
}

function summary(err: ApiError): string {
  const n = err.issues.length;
  return `✗ ${n} problem${n === 1 ? "" : "s"}`;
}
