/**
 * The capped event log (src/models/timeline/event-log.ts): events kept in start order up to the limit, the
 * rest counted; an event's end is set when it ends.
 */
import { describe, expect, test } from "vitest";
import { EventLog } from "../../../src/models/timeline/event-log.ts";

describe("EventLog", () => {
  test("keeps the first `limit` events in the order they started and counts the rest", () => {
    const log = new EventLog<"a" | "b">(2);
    const first = log.open("a", 10);
    log.open("b", 20, 25);
    expect(log.open("a", 30)).toBeUndefined();
    expect(log.open("b", 40)).toBeUndefined();
    first!.endUs = 15;
    expect(log.events).toEqual([
      { kind: "a", startUs: 10, endUs: 15 },
      { kind: "b", startUs: 20, endUs: 25 },
    ]);
    expect(log.dropped).toBe(2);
  });

  test("an instant ends where it starts; a limit of 0 keeps nothing; a bad limit is refused", () => {
    expect(new EventLog<"x">(1).open("x", 7)).toEqual({ kind: "x", startUs: 7, endUs: 7 });
    const none = new EventLog<"x">(0);
    none.open("x", 1);
    expect(none.events).toEqual([]);
    expect(none.dropped).toBe(1);
    expect(() => new EventLog(-1)).toThrow("invalid event limit: -1");
  });
});
