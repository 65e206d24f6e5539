/**
 * What a scenario may ask for, checked when it is validated, before any work: sizes far beyond any real
 * deployment are refused with the limit stated, so a 1 KB request cannot make the server (or the CLI) build
 * something proportional to a number it wrote. Each limit is a round power of two or ten well above the
 * largest systems in public reports, and the simulator is exercised up to them (test/scenarios/limits.test.ts).
 *
 * - GPUs per training job: 2^20 = 1,048,576. The largest training clusters publicly described are of the order
 *   of 100,000–200,000 GPUs; Llama 3 405B trained on 16,384 H100s (Meta, "The Llama 3 Herd of Models", 2024).
 * - Nodes per cluster pool, and per serving placement: 2^17 = 131,072 (1,048,576 GPUs of 8 per node).
 * - Expected requests per serving workload (mean arrival rate × duration): 10^7. The simulator keeps every
 *   request's time to first token for exact percentiles, and a queue that grows when arrivals outrun service, so
 *   memory grows with the requests; a shorter window at the same rate gives the same percentiles.
 * - Simulated time: the engine's clock is integer µs in a double, exact up to 2^53 µs ≈ 285 years; a job whose
 *   estimated wall time (or a serving workload whose duration) exceeds 100 years is refused, leaving room for the
 *   estimate's error (runs that still outrun the clock stop with a clear error at the job).
 */

/** GPUs of one training job. */
export const MAX_GPUS_PER_JOB = 2 ** 20;
/** Nodes of one cluster pool or one serving placement. */
export const MAX_NODES = 2 ** 17;
/** Expected requests of one serving workload (mean rate × duration). */
export const MAX_REQUESTS_PER_WORKLOAD = 1e7;
/** Simulated time one job or workload may take, µs (100 years of 8,766 h). */
export const MAX_SIMULATED_US = 100 * 8766 * 3600e6;
