/**
 * Where each validation issue is shown: next to the form field with exactly its path, else at the form
 * section whose path is the longest prefix of it (a job, a storage binding), else by the text editor with
 * its path and YAML line.
 */
import type { FormSection } from "./form-fields.ts";
import { pathKey } from "./form-fields.ts";
import type { ApiIssue, Path } from "./types.ts";

export interface PlacedIssues {
  /** By field path key (`jobs.0.gpus`). */
  byField: Map<string, ApiIssue[]>;
  /** By section path key (`jobs.0`); the whole-scenario section is never used, so they go to `editor`. */
  bySection: Map<string, ApiIssue[]>;
  editor: ApiIssue[];
}

const startsWith = (path: Path, prefix: Path): boolean =>
  prefix.length <= path.length && prefix.every((k, i) => String(k) === String(path[i]));

export function placeIssues(issues: readonly ApiIssue[], sections: readonly FormSection[]): PlacedIssues {
  const fields = new Set(sections.flatMap((s) => s.fields.map((f) => pathKey(f.path))));
  const placed: PlacedIssues = { byField: new Map(), bySection: new Map(), editor: [] };
  const add = (map: Map<string, ApiIssue[]>, key: string, issue: ApiIssue) =>
    map.set(key, [...(map.get(key) ?? []), issue]);
  for (const issue of issues) {
    const key = pathKey(issue.path);
    if (issue.path.length > 0 && fields.has(key)) {
      add(placed.byField, key, issue);
      continue;
    }
    const section = sections
      .filter((s) => s.path.length > 0 && startsWith(issue.path, s.path))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (section) add(placed.bySection, pathKey(section.path), issue);
    else placed.editor.push(issue);
  }
  return placed;
}

/** `jobs[0].data.sampleSize` from a path; `(document)` for the root. */
export function formatPath(path: Path): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out === "" ? key : `.${key}`;
  return out || "(document)";
}
