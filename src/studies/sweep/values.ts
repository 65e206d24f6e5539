/**
 * The values of a `--param PATH=V1,V2,…`: split at the commas that are not inside quotes or a flow collection,
 * each piece trimmed and read as YAML (1.2 core schema, as scenario files are): `8` → 8, `500MB/s` → the string,
 * `true` → true, `'8'` → the string "8", `{steps: 500}` → an object. Values must be JSON data (no `.inf`/`.nan`),
 * so a sweep's definition and results survive a round trip through a shard file unchanged.
 */
import { isScenarioError } from "../../scenarios/errors.ts";
import { parseScenarioText, type PlainValue } from "../../scenarios/parse-text.ts";
import { SweepError } from "./errors.ts";

const bad = (why: string) => new SweepError("SWP_ERR_PARAM", why);

/**
 * Splits `text` at top-level commas: not inside `'…'`, `"…"`, `[…]` or `{…}`.
 * @throws SweepError (`SWP_ERR_PARAM`) for an unclosed quote or bracket.
 */
export function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (quote === '"' && c === "\\") i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quote !== undefined) throw bad(`unclosed ${quote} in values ${JSON.stringify(text)}`);
  if (depth !== 0) throw bad(`unbalanced brackets in values ${JSON.stringify(text)}`);
  out.push(text.slice(start));
  return out.map((s) => s.trim());
}

/** Throws unless `v` is JSON data (finite numbers only). */
function checkJson(v: PlainValue, piece: string): void {
  if (typeof v === "number" && !Number.isFinite(v)) throw bad(`invalid value ${piece}: not a finite number`);
  if (Array.isArray(v)) for (const x of v) checkJson(x, piece);
  else if (v !== null && typeof v === "object") for (const x of Object.values(v)) checkJson(x, piece);
}

/**
 * Parses one value as YAML.
 * @throws SweepError (`SWP_ERR_PARAM`) for an empty value, bad YAML or a non-finite number.
 */
export function parseValue(piece: string): PlainValue {
  if (piece === "") throw bad("empty value (two commas in a row, or one at the start or end?)");
  let v: PlainValue;
  try {
    v = parseScenarioText(piece, { format: "yaml", source: "value" });
  } catch (e) {
    if (!isScenarioError(e)) throw e;
    throw bad(`invalid value ${piece}: ${e.issues[0]?.message ?? "not YAML"}`);
  }
  checkJson(v, piece);
  return v;
}

/**
 * The values of a `--param`, in the order given.
 * @throws SweepError (`SWP_ERR_PARAM`) for an empty or malformed value, or the same value twice.
 */
export function parseValues(text: string): PlainValue[] {
  const values = splitValues(text).map(parseValue);
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const key = JSON.stringify(v);
    const first = seen.get(key);
    if (first !== undefined) throw bad(`value ${key} is given twice (positions ${first + 1} and ${i + 1})`);
    seen.set(key, i);
  });
  return values;
}
