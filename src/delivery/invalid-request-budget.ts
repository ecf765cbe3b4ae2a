import type { SendResult } from "./send-result.js";
import { SlidingWindowCounter } from "./rate-limit/sliding-window-counter.js";

/** HTTP answers Discord counts towards its ban threshold. */
const INVALID_STATUSES = new Set([401, 403, 429]);

/** Whether a send's answer was one of the requests Discord counts as invalid. */
export function isInvalidRequest(result: SendResult): boolean {
  if (result.status === "sent") return false;
  if (result.httpStatus !== undefined) return INVALID_STATUSES.has(result.httpStatus);
  // Without the status: a 429 is always retry-after, and gone is mostly 403/404; erring high is safe.
  return result.status === "retry-after" || result.status === "gone";
}

export interface InvalidRequestBudgetOptions {
  limit: number;
  windowMs: number;
  /** Extra wait between sends while above half the budget. */
  slowdownMs: number;
  /** Called when the count first goes above half, and at most once a minute while it stays there. */
  onWarning: (count: number, limit: number) => void;
}

/**
 * Discord bans an IP for a while after 10,000 invalid requests in 10 minutes. Above half of it
 * every send waits `slowdownMs` longer, so a storm of 403s from deleted channels cannot run the
 * count up to the ban while the platform lane keeps going.
 */
export class InvalidRequestBudget {
  private readonly counter: SlidingWindowCounter;
  private lastWarning = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: InvalidRequestBudgetOptions) {
    this.counter = new SlidingWindowCounter({ windowMs: options.windowMs, limit: options.limit });
  }

  record(now: number, events = 1): void {
    if (events <= 0) return;
    this.counter.record(now, events);
    if (this.counter.isAboveHalf(now) && now - this.lastWarning >= 60_000) {
      this.lastWarning = now;
      this.options.onWarning(this.counter.count(now), this.counter.limit);
    }
  }

  /** The extra wait before the next send: 0 while below half the budget. */
  slowdownMs(now: number): number {
    return this.counter.isAboveHalf(now) ? this.options.slowdownMs : 0;
  }

  count(now: number): number {
    return this.counter.count(now);
  }
}
