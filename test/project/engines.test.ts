/**
 * Every installed package supports the Node this project targets (package.json `engines.node`, Node 20):
 * `npm install` on Node 20 prints no EBADENGINE warning. A dependency update that needs a newer Node fails
 * here, naming the package and its range, instead of warning on every fresh clone.
 */
import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, test } from "vitest";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; dev?: boolean }>;
};

describe("engines", () => {
  test("the lowest Node the project allows satisfies every locked package's engines.node", () => {
    const lowest = semver.minVersion(pkg.engines.node)!.version;
    const misfits = Object.entries(lock.packages)
      .filter(([name]) => name !== "")
      .flatMap(([name, p]) => {
        const range = Array.isArray(p.engines) ? undefined : p.engines?.node;
        return range !== undefined && !semver.satisfies(lowest, range) ? [`${name}@${p.version}: node ${range}`] : [];
      });
    expect(misfits, `packages that need a newer Node than ${lowest}`).toEqual([]);
  });

  test("so does the Node running the tests", () => {
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });
});
