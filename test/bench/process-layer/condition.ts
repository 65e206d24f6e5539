/**
 * Conditions over several events: `allOf` (wait for every event) and `anyOf` (wait for the first).
 * Both fail as soon as one of their events fails (and mark that event defused).
 */
import type { Engine } from "../../../src/sim/engine.ts";
import { SimEvent } from "./sim-event.ts";

/** Succeeds with the events' values, in order, once all have succeeded. An empty list succeeds at once. */
export function allOf<T>(engine: Engine, events: readonly SimEvent<T>[], name = "allOf"): SimEvent<T[]> {
  const done = new SimEvent<T[]>(engine, name);
  let left = events.length;
  if (left === 0) return done.succeed([]);
  const onEvent = (ev: SimEvent<T>): void => {
    if (done.triggered) return;
    if (!ev.succeeded) {
      ev.defused = true;
      done.fail(ev.failure);
      return;
    }
    if (--left === 0) done.succeed(events.map((e) => e.value));
  };
  for (const ev of events) ev.addCallback(onEvent);
  return done;
}

/** Succeeds with `{ index, value }` of the first event to succeed. @throws RangeError on an empty list. */
export function anyOf<T>(
  engine: Engine,
  events: readonly SimEvent<T>[],
  name = "anyOf",
): SimEvent<{ index: number; value: T }> {
  if (events.length === 0) throw new RangeError("anyOf needs at least one event");
  const done = new SimEvent<{ index: number; value: T }>(engine, name);
  events.forEach((ev, index) =>
    ev.addCallback((e) => {
      if (done.triggered) {
        if (!e.succeeded) e.defused = true;
        return;
      }
      if (e.succeeded) done.succeed({ index, value: e.value });
      else {
        e.defused = true;
        done.fail(e.failure);
      }
    }),
  );
  return done;
}
