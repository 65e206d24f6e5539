/**
 * How the CLI turns errors into exit codes: typed input errors exit 2 with their message; anything else, a
 * RangeError from the models or the engine included, is a bug and exits 1 saying so — never "invalid scenario".
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { CalibrationError } from "../../src/calibration/errors.ts";
import { reportError } from "../../src/cli/io.ts";
import { UsageError } from "../../src/cli/usage-error.ts";
import { scenarioError } from "../../src/scenarios/errors.ts";

function capture(e: unknown, json = false) {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
  const status = reportError(e, json);
  vi.restoreAllMocks();
  return { status, stdout, stderr };
}

afterEach(() => vi.restoreAllMocks());

describe("reportError", () => {
  test("a usage error exits 2 with its message", () => {
    const r = capture(new UsageError("invalid --seed: x (expected an integer ≥ 0)"));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("stallsim: invalid --seed: x (expected an integer ≥ 0)\n");
  });

  test("a scenario error exits 2 with its issues at their paths", () => {
    const r = capture(scenarioError("SCN_ERR_INVALID", { code: "custom", path: ["jobs", 0, "gpus"], message: "bad" }));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("jobs[0].gpus: bad");
  });

  test("a calibration error exits 2", () => {
    expect(capture(new CalibrationError("CAL_ERR_FIO", "x.json", "not fio output")).status).toBe(2);
  });

  test.each([new RangeError("invalid flow size: NaN bytes"), new Error("bug"), "a string"])(
    "%s is a bug: exit 1, 'internal error', not 'invalid scenario'",
    (e) => {
      const r = capture(e);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^stallsim: internal error \(a bug in stallsim/);
      expect(r.stderr).not.toContain("invalid scenario");
      const j = capture(e, true);
      expect(JSON.parse(j.stdout).error.code).toBe("CLI_ERR_INTERNAL");
    },
  );
});
