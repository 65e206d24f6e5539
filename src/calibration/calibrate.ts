/**
 * Calibration, start to end, as the CLI (`stallsim calibrate`) and the API (`POST /api/profiles`) both run it:
 * parsed fio runs → one-machine check → fit → profile → the calibration document with its warnings.
 * Pure: no file system (load-fio.ts reads files, the API gets texts).
 */
import { calibrationWarnings, checkOneMachine } from "./checks.ts";
import type { FioRun } from "./fio-types.ts";
import { fitFioRuns } from "./fit.ts";
import {
  calibrationDocument,
  fittedProfile,
  type CalibrationDocument,
  type FittedProfileOptions,
} from "./fitted-profile.ts";

/** Options of {@link calibrate}. */
export interface CalibrateOptions extends FittedProfileOptions {
  /** What was measured, for the profile's title and sources; default the runs' `machine.json`, else `fallback`. */
  readonly machine?: string | undefined;
  /** Label when neither `machine` nor a `machine.json` names the machine. */
  readonly fallbackMachine: string;
  /** Fit runs from more than one machine or device as one profile. */
  readonly allowMixed?: boolean;
}

/**
 * The calibration document of profile `name` fitted to `runs`.
 *
 * @throws {CalibrationError} `CAL_ERR_MIXED` for runs from several machines or devices (unless
 *   `allowMixed`), `CAL_ERR_NAME` for a name that is not kebab-case, `CAL_ERR_FIO` for runs that cannot be fitted.
 */
export function calibrate(name: string, runs: readonly FioRun[], options: CalibrateOptions): CalibrationDocument {
  checkOneMachine(runs, options.allowMixed ?? false);
  const fit = fitFioRuns(runs);
  const machine =
    options.machine ?? runs.find((r) => r.host.machine !== undefined)?.host.machine ?? options.fallbackMachine;
  const profile = fittedProfile(name, fit, machine, options);
  return calibrationDocument(profile, fit, calibrationWarnings(fit, runs));
}
