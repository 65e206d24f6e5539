/**
 * Citations. Every default stallsim uses carries the public source it came from, with the confidence tag
 * of shared/reference/domain-facts.md: S = read in the source, D = derived by arithmetic from S values,
 * M = from memory or a secondary source (check before publishing numbers that depend on it).
 */
export interface Source {
  /** What the source gives, e.g. "gp3 baseline 3,000 IOPS and 125 MiB/s". */
  readonly what: string;
  /** Where: a URL or a document reference. */
  readonly ref: string;
  readonly tag: "S" | "D" | "M";
  /**
   * The profile fields this source gives (patterns over dotted paths, `*` for one segment), e.g.
   * `volume.read.bytesPerSecond` or `latency.*.baseLatencyUs`. Every limit of a storage preset is named by one of
   * its sources; a limit set to Infinity (no such limit) by a source whose text says why.
   */
  readonly fields?: readonly string[];
}
