/**
 * Test fixtures in the spirit of SimPy's `env` and `log`: a fresh engine and a recorder of (now, label).
 */
import { Engine, type EngineOptions } from "../../src/sim/engine.ts";

/** A fresh engine with a fixed seed (default 42). */
export function makeEngine(options: EngineOptions = {}): Engine {
  return new Engine({ seed: 42, ...options });
}

/** Records `(now, label)` pairs; `entries` is what tests assert on. */
export function makeLog(engine: Engine) {
  const entries: [number, string][] = [];
  return {
    entries,
    /** Appends `[engine.now, label]`. */
    add(label: string): void {
      entries.push([engine.now, label]);
    },
  };
}
