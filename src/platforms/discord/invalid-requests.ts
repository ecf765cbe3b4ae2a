import { RESTEvents, type REST } from "discord.js";
import { discordInvalidRequestBudget } from "../../delivery/rate-limit/rate-limits.js";
import { SlidingWindowCounter } from "../../delivery/rate-limit/sliding-window-counter.js";
import type { Logger } from "../../logger.js";

/** REST options that make discord.js report every 401, 403 and 429 it receives. */
export const reportEveryInvalidRequest = { invalidRequestWarningInterval: 1 } as const;

const WARN_EVERY_MS = 60_000;

/**
 * Discord bans the bot's IP for a while after 10,000 invalid requests (401/403/429) in 10 minutes.
 * Counts them across our REST clients and warns, at most once a minute, past half the budget:
 * long before a ban, while someone can still look at what keeps failing.
 */
export class InvalidRequestBudget {
  private readonly counter = new SlidingWindowCounter(discordInvalidRequestBudget);
  private lastWarning = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly logger: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  /** `rest` must be built with `reportEveryInvalidRequest`. */
  watch(rest: REST): void {
    rest.on(RESTEvents.InvalidRequestWarning, () => this.record());
  }

  record(): void {
    const now = this.clock();
    this.counter.record(now);
    if (this.counter.isAboveHalf(now) && now - this.lastWarning >= WARN_EVERY_MS) {
      this.lastWarning = now;
      this.logger.warn({ invalidRequests: this.counter.count(now), limit: this.counter.limit }, "more than half of Discord's invalid-request budget (401/403/429 in 10 minutes) is spent; past the limit Discord bans the bot for a while");
    }
  }

  describe(): string {
    return `invalid requests in the last 10 min: ${this.counter.count(this.clock())} of ${this.counter.limit}`;
  }

  get aboveHalf(): boolean {
    return this.counter.isAboveHalf(this.clock());
  }
}
