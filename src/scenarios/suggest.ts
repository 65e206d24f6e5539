/**
 * "Did you mean" suggestions for unknown names in scenarios (storage presets, GPU profiles, node types).
 * Matching is by Levenshtein distance (fastest-levenshtein), case-insensitive; the suggestion keeps the
 * candidate's own spelling, because names themselves are case-sensitive.
 */
import { distance } from "fastest-levenshtein";
import { scenarioError, type IssuePath, type ScenarioError } from "./errors.ts";

/** How many valid names `unknownNameMessage` lists when none is close. */
const MAX_LISTED = 8;

/** The default edit-distance budget for a name: max(2, ⌊length / 3⌋). */
export const defaultMaxDistance = (name: string): number => Math.max(2, Math.floor(name.length / 3));

/**
 * The candidate closest to `name` (case-insensitive Levenshtein distance), or `undefined` when none is
 * within `maxDistance` (default `max(2, ⌊name.length / 3⌋)`). Ties go to the earlier candidate.
 */
export function closest(
  name: string,
  candidates: Iterable<string>,
  maxDistance = defaultMaxDistance(name),
): string | undefined {
  const needle = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= maxDistance ? best : undefined;
}

/**
 * Candidates of which `name` is a whole word (the words of `ebs-gp3` are `ebs` and `gp3`): `gp3` → `ebs-gp3`,
 * `lustre` → `fsx-lustre` and `azure-managed-lustre`. Case-insensitive; at most three.
 */
export function containing(name: string, candidates: Iterable<string>): string[] {
  const needle = name.toLowerCase();
  if (needle.length < 2) return [];
  const out = [...candidates].filter((c) => c.toLowerCase().split(/[-_.]/).includes(needle));
  return out.length <= 3 ? out : [];
}

/**
 * `unknown storage preset "ebs-gp2": did you mean "ebs-gp3"?` (a close spelling, or a name it is a word of:
 * `gp3` → `"ebs-gp3"`), or when nothing is close,
 * `unknown storage preset "x" (expected one of "a", "b", … and 3 more)` listing up to 8 names in the order given.
 */
export function unknownNameMessage(kind: string, name: string, candidates: Iterable<string>): string {
  const names = [...new Set(candidates)];
  const head = `unknown ${kind} ${JSON.stringify(name)}`;
  // A whole word of a name (gp3 of ebs-gp3) is a surer match than a spelling two edits away (gcs).
  const words = containing(name, names);
  if (words.length > 0) return `${head}: did you mean ${words.map((w) => JSON.stringify(w)).join(" or ")}?`;
  const near = closest(name, names);
  if (near !== undefined) return `${head}: did you mean ${JSON.stringify(near)}?`;
  if (names.length === 0) return `${head} (none are defined)`;
  const listed = names.slice(0, MAX_LISTED).map((n) => JSON.stringify(n));
  const more = names.length > MAX_LISTED ? ` and ${names.length - MAX_LISTED} more` : "";
  return `${head} (expected one of ${listed.join(", ")}${more})`;
}

/** A `SCN_ERR_NOT_FOUND` error with one `unknown_name` issue at `path` carrying `unknownNameMessage`. */
export function unknownNameError(
  kind: string,
  name: string,
  candidates: Iterable<string>,
  path: IssuePath = [],
): ScenarioError {
  return scenarioError("SCN_ERR_NOT_FOUND", {
    code: "unknown_name",
    path,
    message: unknownNameMessage(kind, name, candidates),
  });
}
