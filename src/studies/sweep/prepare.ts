/**
 * Preparing a sweep: the `--param`s parsed and checked against the scenario, every point of the grid built
 * (the document as written with the point's values set) and validated the normal way (schema, profile files,
 * provisioning limits), all before anything runs. An invalid point is an error naming the point's values and
 * the Zod paths of its issues; the sweep's definition and hash come out too (definition.ts).
 */
import type { StorageProfile } from "../../models/storage/profile.ts";
import { isScenarioError } from "../../scenarios/errors.ts";
import { loadScenarioProfiles } from "../../scenarios/load-profiles.ts";
import type { PlainValue } from "../../scenarios/parse-text.ts";
import { resolveScenario } from "../../scenarios/resolve.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import { validateScenario } from "../../scenarios/validate.ts";
import { sweepDefinition, type SweepDefinition } from "./definition.ts";
import { formatPointParams, SweepError } from "./errors.ts";
import { checkGrid, gridSize, gridValues, parseParam, pointParams, type SweepParam } from "./grid.ts";
import type { Fidelity } from "../../scenarios/many/point-task.ts";
import type { SimPoint } from "../../scenarios/many/pool.ts";
import { setPath } from "./set-path.ts";

/** What to sweep. */
export interface SweepRequest {
  /** The scenario as parsed from its file, before validation. */
  readonly document: PlainValue;
  /** The file (or bundled label) it came from: profile paths are relative to its folder; messages name it. */
  readonly source: string;
  /** `--param` texts, `PATH=V1,V2,…`. */
  readonly params: readonly string[];
  /** Overrides every point's scenario seed. */
  readonly seed?: number | undefined;
  /** Replications per point (default 1). */
  readonly replications?: number | undefined;
  /** Overrides every point's fidelity. */
  readonly fidelity?: Fidelity | undefined;
}

/** A point of the grid, ready to run. */
export interface SweepPoint extends SimPoint {
  /** Row-major index in the grid (the last `--param` varies fastest). */
  readonly index: number;
  /** Values by parameter label, in `--param` order. */
  readonly params: Record<string, PlainValue>;
}

/** A checked sweep. */
export interface PreparedSweep {
  readonly definition: SweepDefinition;
  readonly params: readonly SweepParam[];
  /** The selected points (all by default), in index order. */
  readonly points: readonly SweepPoint[];
  /** Every profile file any point uses, by path as written. */
  readonly profiles: ReadonlyMap<string, StorageProfile>;
}

/**
 * Parses the parameters, then builds and validates every point of the grid; keeps the points `select` accepts.
 * @throws SweepError: `SWP_ERR_PARAM` for a bad `--param` (syntax, unknown path with a "did you mean", value)
 *   or grid; `SWP_ERR_POINT` when a point is invalid (the first one's values and issues, and how many are);
 *   RangeError for replications that are not an integer ≥ 1.
 */
export async function prepareSweep(
  req: SweepRequest,
  select: (index: number) => boolean = () => true,
): Promise<PreparedSweep> {
  const replications = req.replications ?? 1;
  if (!(Number.isInteger(replications) && replications >= 1)) {
    throw new RangeError(`invalid replications: ${replications}`);
  }
  const params = req.params.map((text) => parseParam(text, req.document));
  checkGrid(params);
  const total = gridSize(params);
  const profiles = new Map<string, StorageProfile>();
  const points: SweepPoint[] = [];
  let invalid = 0;
  let first: SweepError | undefined;
  let scenario = "";
  for (let index = 0; index < total; index++) {
    const values = gridValues(params, index);
    const document = params.reduce<PlainValue>((doc, p, i) => setPath(doc, p.path, values[i]!), req.document);
    let config: ScenarioConfig;
    try {
      config = validateScenario(document, req.source);
      const wanted = Object.values(config.storage).flatMap((b) => (b.profile === undefined ? [] : [b.profile]));
      if (wanted.some((p) => !profiles.has(p))) {
        for (const [p, profile] of await loadScenarioProfiles(config, req.source)) profiles.set(p, profile);
      }
      resolveScenario(config, profiles);
      if (index === 0) scenario = config.name;
    } catch (e) {
      if (!isScenarioError(e)) throw e;
      invalid++;
      first ??= pointError(index, total, pointParams(params, index), e);
      continue;
    }
    if (select(index)) {
      points.push({
        index,
        params: pointParams(params, index),
        config,
        seed: req.seed,
        replications,
        fidelity: req.fidelity,
        profiles,
      });
    }
  }
  if (first !== undefined) {
    if (invalid > 1) {
      throw new SweepError(
        "SWP_ERR_POINT",
        `${first.message.split("\n")[0]} (${invalid} of ${total} points are invalid; the first is shown)`,
        {
          issues: first.issues,
          point: first.point,
          cause: first.cause,
        },
      );
    }
    throw first;
  }
  const definition = sweepDefinition(scenario, {
    document: req.document,
    params,
    seed: req.seed,
    replications,
    fidelity: req.fidelity,
    profiles,
  });
  return { definition, params, points, profiles };
}

function pointError(index: number, total: number, params: Record<string, PlainValue>, e: unknown): SweepError {
  const head = `invalid sweep point ${index} of ${total} (${formatPointParams(params)})`;
  const point = { index, params };
  if (isScenarioError(e)) return new SweepError("SWP_ERR_POINT", head, { issues: e.issues, point, cause: e });
  return new SweepError("SWP_ERR_POINT", `${head}: ${(e as Error).message}`, { point, cause: e });
}
