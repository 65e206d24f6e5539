/**
 * Priority classes: the second field of the event ordering key `(time, priorityClass, seq)`.
 *
 * At one instant, lower classes run first; within a class, events run in insertion order (FIFO).
 * This is the one place the classes are defined. The order exists so that a resource freed at time t
 * is visible to a request arriving at t, and so that samplers see the state after everything else at t.
 *
 * | class      | used for                                                                     |
 * |------------|------------------------------------------------------------------------------|
 * | URGENT     | process start, interrupts, resuming a process whose awaited event fired      |
 * | COMPLETE   | completions: a service, a transfer, a compute phase ends                     |
 * | RELEASE    | releases of capacity (GPU, server, slot)                                     |
 * | NORMAL     | the default for plain timeouts                                               |
 * | ARRIVE     | arrivals of new work (jobs, requests, failures)                              |
 * | DECIDE     | schedulers and controllers that act on the state after arrivals              |
 * | REALLOCATE | the fluid network recomputing rates after every change at this instant      |
 * | SAMPLE     | metrics sampling: sees the settled state of the instant                      |
 */
export const Priority = {
  URGENT: 0,
  COMPLETE: 1,
  RELEASE: 2,
  NORMAL: 3,
  ARRIVE: 4,
  DECIDE: 5,
  REALLOCATE: 6,
  SAMPLE: 7,
} as const;

/** One of the `Priority` classes. */
export type PriorityClass = (typeof Priority)[keyof typeof Priority];

/** Number of classes; the class is packed below the sequence number in the queue's secondary key. */
export const PRIORITY_CLASSES = 8;
