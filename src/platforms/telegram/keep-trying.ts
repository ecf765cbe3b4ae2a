import { setTimeout as sleep } from "node:timers/promises";

export interface KeepTryingOptions {
  signal: AbortSignal;
  /** Milliseconds to wait before the next attempt, or undefined to give up and rethrow. */
  delayFor(error: unknown, failures: number): number | undefined;
  onRetry?(error: unknown, delayMs: number, failures: number): void;
}

/** Runs `attempt` until it succeeds, the policy gives up, or the signal aborts (which rethrows). */
export async function keepTrying<T>(attempt: () => Promise<T>, opts: KeepTryingOptions): Promise<T> {
  for (let failures = 1; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      if (opts.signal.aborted) throw error;
      const delay = opts.delayFor(error, failures);
      if (delay === undefined) throw error;
      opts.onRetry?.(error, delay, failures);
      await sleep(delay, undefined, { signal: opts.signal });
    }
  }
}

interface BackoffShape {
  error_code?: number;
  parameters?: { retry_after?: number };
}

/**
 * The retry policy for talking to Telegram: wait what a 429 names, give up on 401 (the token is
 * wrong and will stay wrong), and otherwise back off exponentially from `baseMs` up to `maxMs`
 * with jitter, so a fleet of bots does not reconnect in step after an outage.
 */
export function telegramBackoff(baseMs = 500, maxMs = 30_000): KeepTryingOptions["delayFor"] {
  return (error, failures) => {
    const { error_code: code, parameters } = (typeof error === "object" && error !== null ? error : {}) as BackoffShape;
    if (code === 401) return undefined;
    if (code === 429) return Math.max(1, parameters?.retry_after ?? 1) * 1000;
    const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 16));
    return Math.round(exponential * (0.8 + Math.random() * 0.4));
  };
}
