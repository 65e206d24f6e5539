/**
 * Labels for compared runs: each entry (one alternative of one run) is named by what sets it apart from the
 * others compared — the scenario fields whose values differ (a storage preset, a provisioned throughput or IOPS,
 * a checkpoint interval), the seed, replications and fidelity, and the alternative — never by a shortened id.
 * When nothing differs (the same scenario run twice alike), the whole run id tells them apart.
 */
import { formatPath } from "../../scenarios/errors.ts";
import { parseScenarioText, type PlainValue } from "../../scenarios/parse-text.ts";

/** What a compared entry is made of. */
export interface CompareSource {
  readonly id: string;
  readonly scenarioText: string;
  readonly seed: number;
  readonly replications: number;
  readonly fidelity: string;
  /** The alternative's name; undefined when its run has one alternative. */
  readonly alternative: string | undefined;
}

/** Fields that name or describe rather than set up a run. */
const IGNORED = new Set(["description", "name"]);
/** At most this many differing fields in a label. */
const MAX_FIELDS = 4;

/** Every leaf of `v` as `path → value text`. */
function leaves(v: PlainValue, path: (string | number)[], out: Map<string, string>): void {
  if (v !== null && typeof v === "object") {
    if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...path, i], out));
    else for (const [k, x] of Object.entries(v)) if (!IGNORED.has(k) || path.length > 0) leaves(x, [...path, k], out);
    return;
  }
  if (path.length > 0 && IGNORED.has(String(path[path.length - 1]))) return;
  out.set(formatPath(path), v === null ? "null" : String(v));
}

function fieldsOf(s: CompareSource): Map<string, string> {
  const out = new Map<string, string>();
  try {
    leaves(parseScenarioText(s.scenarioText), [], out);
  } catch {
    // A stored scenario always parsed when it was submitted; if it no longer does, it is labelled by the rest.
  }
  out.set("seed", String(s.seed));
  out.set("replications", String(s.replications));
  out.set("fidelity", s.fidelity);
  return out;
}

/** Storage and data settings first: what users compare most. */
const rank = (path: string): number =>
  path.startsWith("storage") ? 0 : path.startsWith("designs") ? 1 : /checkpoint|data/.test(path) ? 2 : 3;

/** The scenario's `name`, as the stored text has it ("" when it does not parse). */
function nameOf(s: CompareSource): string {
  try {
    const doc = parseScenarioText(s.scenarioText);
    return doc !== null && typeof doc === "object" && !Array.isArray(doc) && typeof doc.name === "string"
      ? doc.name
      : "";
  } catch {
    return "";
  }
}

/** Labels of entries of one scenario: the alternative and the settings that differ among them. */
function labelsWithin(sources: readonly CompareSource[]): string[] {
  const fields = sources.map(fieldsOf);
  const keys = [...new Set(fields.flatMap((f) => [...f.keys()]))];
  const differing = keys
    .filter((k) => new Set(fields.map((f) => f.get(k) ?? "—")).size > 1)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const shown = differing.slice(0, MAX_FIELDS);
  return sources.map((s, i) => {
    const parts = shown.map((k) => (k === "seed" ? `seed ${fields[i]!.get(k)}` : `${k}=${fields[i]!.get(k) ?? "—"}`));
    if (differing.length > shown.length) parts.push(`+${differing.length - shown.length} more`);
    const alt = s.alternative === undefined ? [] : [s.alternative];
    const label = [...alt, ...parts].join(", ");
    const clash = parts.length === 0 && sources.some((o, j) => j !== i && o.alternative === s.alternative);
    return clash || label === "" ? [...alt, `run ${s.id}`].join(", ") : label;
  });
}

/**
 * One label per source, in order (see the file header). Runs of different scenarios are named by their scenario
 * first; the settings that differ are then compared only among runs of the same scenario (different scenarios
 * differ in everything, and their names say what they are).
 */
export function compareLabels(sources: readonly CompareSource[]): string[] {
  const names = sources.map(nameOf);
  const scenarios = [...new Set(names)];
  if (scenarios.length <= 1) return labelsWithin(sources);
  const labels: string[] = new Array<string>(sources.length);
  for (const name of scenarios) {
    const at = names.flatMap((n, i) => (n === name ? [i] : []));
    const within = labelsWithin(at.map((i) => sources[i]!));
    at.forEach((i, k) => {
      // One entry of its scenario, or alternatives told apart by name alone: the scenario name and the alternative.
      const only = at.length === 1;
      const alt = sources[i]!.alternative;
      labels[i] = only
        ? [name || `run ${sources[i]!.id}`, ...(alt === undefined ? [] : [alt])].join(", ")
        : `${name}: ${within[k]}`;
    });
  }
  return labels;
}
