export interface RetryDelayOptions {
  /** Delay scale for the first retry. */
  baseMs?: number;
  /** No delay is ever longer. */
  maxMs?: number;
  /** Returns [0, 1); injectable so tests are deterministic. */
  random?: () => number;
  /**
   * "full": uniform in [0, min(max, base · 2^(attempt-1))], which spreads a crowd of retries best.
   * "decorrelated": uniform in [base, previous · 3], capped; needs `previousDelayMs`.
   */
  jitter?: "full" | "decorrelated";
  /** The delay used before this one (decorrelated jitter); defaults to baseMs. */
  previousDelayMs?: number;
}

/**
 * How long to wait before retry number `attempt` (1 = the first retry) after a transient failure.
 * Whole milliseconds, never negative, never above maxMs.
 */
export function nextRetryDelayMs(attempt: number, options: RetryDelayOptions = {}): number {
  const { baseMs = 5_000, maxMs = 3_600_000, random = Math.random, jitter = "full" } = options;
  // Clamped so a misbehaving random source cannot step outside the documented bounds.
  const r = Math.min(Math.max(random(), 0), 1);
  if (jitter === "decorrelated") {
    const previous = Math.max(options.previousDelayMs ?? baseMs, baseMs);
    return Math.round(Math.min(maxMs, baseMs + r * (previous * 3 - baseMs)));
  }
  const exponent = Number.isNaN(attempt) ? 0 : Math.max(Math.floor(attempt), 1) - 1;
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(r * ceiling);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** True once a delivery has been failing for `maxAgeMs`: the news is stale, stop retrying. */
export function shouldGiveUp(firstAttemptAt: Date | number, now: Date | number, maxAgeMs: number = DAY_MS): boolean {
  return Number(now) - Number(firstAttemptAt) >= maxAgeMs;
}
