/**
 * A progress bar on stderr for long commands (cli-progress), only when stderr is a terminal: piped or
 * redirected, a command prints nothing on stderr but errors.
 */
import cliProgress from "cli-progress";

/** Reports progress as `done` of `total` items (`done` may be fractional); `stop()` clears the bar. */
export interface ProgressBar {
  update(done: number, total: number): void;
  stop(): void;
}

/** Sub-steps per item, so a few long items still move the bar. */
const STEPS = 1000;

/**
 * A bar labelled `label` counting `unit`s (e.g. "points"), or `undefined` when stderr is not a terminal.
 * @param stream where to draw (default process.stderr); the bar is drawn only when `stream.isTTY`.
 */
export function progressBar(
  label: string,
  unit: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar | undefined {
  if (stream.isTTY !== true) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} |{bar}| {percentage}% | {items}/{count} ${unit} | {duration_formatted} elapsed, {eta_formatted} left`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 100,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      const payload = { items: Math.floor(done), count: total };
      if (!started) {
        bar.start(total * STEPS, 0, payload);
        started = true;
      }
      bar.update(Math.round(done * STEPS), payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
