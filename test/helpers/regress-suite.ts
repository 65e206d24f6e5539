/**
 * Fixtures for regression-check tests: a temporary suite folder holding small bundled scenarios (each runs in
 * milliseconds at bulk fidelity), and a capture of the CLI's output through `main`.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { main } from "../../src/cli/main.ts";
import { BUNDLED_DIR } from "../../src/scenarios/bundled.ts";

/** The fast bundled scenarios the fixtures use. */
export const FAST_SCENARIOS = ["mlperf-unet3d-h100", "vision-resnet50-gp3"] as const;

/**
 * A fresh folder with copies of `scenarios` (bundled names) and, unless `suiteFile` is `null`, a suite.yaml
 * running them at bulk fidelity (or the text given). Returns the folder and a baseline path inside it.
 */
export function makeSuite(o: { scenarios?: readonly string[]; suiteFile?: string | null } = {}): {
  dir: string;
  baseline: string;
} {
  const dir = mkdtempSync(path.join(tmpdir(), "stallsim-regress-"));
  for (const n of o.scenarios ?? FAST_SCENARIOS)
    copyFileSync(path.join(BUNDLED_DIR, `${n}.yaml`), path.join(dir, `${n}.yaml`));
  if (o.suiteFile !== null) {
    writeFileSync(path.join(dir, "suite.yaml"), o.suiteFile ?? "scenarios:\n  - dir: .\n    fidelity: bulk\n");
  }
  return { dir, baseline: path.join(dir, "baseline.json") };
}

/** Runs `stallsim ARGS` in this process; resolves to the exit status and what it printed. */
export async function cli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  try {
    const status = await main(argv);
    return { status, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
