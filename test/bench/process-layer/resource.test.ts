/**
 * FIFO capacity resource: grants in arrival order, never over capacity.
 */
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { Priority } from "../../../src/sim/priority.ts";
import { spawn } from "./process.ts";
import { Resource } from "./resource.ts";
import { makeEngine, makeLog } from "../../helpers/engine.ts";

describe("Resource", () => {
  test("grants up to capacity at once, then FIFO as units are released", () => {
    const e = makeEngine();
    const gpus = new Resource(e, 2, "gpus");
    const log = makeLog(e);
    for (const [name, arrive, hold] of [
      ["a", 0, 10],
      ["b", 1, 10],
      ["c", 2, 5],
      ["d", 3, 1],
    ] as const) {
      spawn(
        e,
        (function* () {
          yield arrive;
          yield gpus.request();
          log.add(`${name} granted`);
          yield hold;
          gpus.release();
        })(),
      );
    }
    e.runUntilIdle();
    expect(log.entries).toEqual([
      [0, "a granted"],
      [1, "b granted"],
      [10, "c granted"],
      [11, "d granted"],
    ]);
    expect(gpus.inUse).toBe(0);
  });

  test("a unit freed at t is visible to a request arriving at t (RELEASE runs before ARRIVE)", () => {
    const e = makeEngine();
    const r = new Resource(e, 1);
    let grantedAt = -1;
    r.acquire(() => {});
    e.post(10, Priority.ARRIVE, () => r.acquire(() => (grantedAt = e.now)));
    e.post(10, Priority.RELEASE, () => r.release());
    e.runUntilIdle();
    expect(grantedAt).toBe(10);
    expect(r.queueLength).toBe(0);
  });

  test("release without a holder throws; invalid capacity throws", () => {
    const e = makeEngine();
    expect(() => new Resource(e, 1, "nic").release()).toThrow("release of nic with no unit held");
    expect(() => new Resource(e, -1)).toThrow("invalid capacity: -1");
    expect(() => new Resource(e, 1.5)).toThrow("invalid capacity: 1.5");
  });

  test("cancelRequest withdraws a waiting request", () => {
    const e = makeEngine();
    const r = new Resource(e, 1);
    r.acquire(() => {});
    const req = r.request();
    expect(r.queueLength).toBe(1);
    expect(r.cancelRequest(req)).toBe(true);
    expect(r.queueLength).toBe(0);
    r.release();
    expect(r.inUse).toBe(0);
    expect(r.cancelRequest(req)).toBe(false);
  });

  test("raising capacity grants waiting requests; lowering it does not revoke units", () => {
    const e = makeEngine();
    const r = new Resource(e, 1);
    let granted = 0;
    for (let i = 0; i < 3; i++) r.acquire(() => granted++);
    expect(granted).toBe(1);
    r.setCapacity(3);
    expect(granted).toBe(3);
    r.setCapacity(1);
    expect(r.inUse).toBe(3);
    r.release();
    r.acquire(() => granted++);
    expect(granted).toBe(3);
  });

  fcTest.prop(
    [
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.record({ arrive: fc.integer({ min: 0, max: 50 }), hold: fc.integer({ min: 0, max: 20 }) }), {
        maxLength: 60,
      }),
    ],
    { seed: 11, numRuns: 200 },
  )("units in use never go negative or above capacity, and grants follow arrival order", (capacity, jobs) => {
    const e = makeEngine();
    const r = new Resource(e, capacity);
    const grants: number[] = [];
    const arrivals: number[] = [];
    let maxUse = 0;
    jobs.forEach((j, i) =>
      e.post(j.arrive, Priority.ARRIVE, () => {
        arrivals.push(i);
        r.acquire(() => {
          grants.push(i);
          maxUse = Math.max(maxUse, r.inUse);
          expect(r.inUse).toBeLessThanOrEqual(capacity);
          e.post(j.hold, Priority.RELEASE, () => {
            r.release();
            expect(r.inUse).toBeGreaterThanOrEqual(0);
          });
        });
      }),
    );
    e.runUntilIdle();
    expect(grants).toEqual(arrivals);
    expect(r.inUse).toBe(0);
    expect(maxUse).toBeLessThanOrEqual(capacity);
  });
});
