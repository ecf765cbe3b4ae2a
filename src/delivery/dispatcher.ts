import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { Logger } from "../logger.js";
import type { AlertChannel } from "./alert-channel.js";
import { InvalidRequestBudget } from "./invalid-request-budget.js";
import { createLane, type Lane, type OutcomeEvent } from "./lane.js";
import { ArrivalWindows } from "./rate-limit/arrival-windows.js";
import { discordInvalidRequestBudget, limitsFor, type RateLimitOverrides } from "./rate-limit/rate-limits.js";
import { SendLimiter } from "./rate-limit/send-limiter.js";

export type { DeliveryOutcome, OutcomeEvent } from "./lane.js";

const DAY_MS = 24 * 3_600_000;

export interface DispatcherOptions {
  db: Kysely<Database>;
  channels: readonly AlertChannel[];
  logger: Logger;
  defaultTimezone: string;
  clock?: () => number;
  /**
   * Per-platform limits laid over the published ones (rate-limits.ts), as windows ("30 per
   * 1,000 ms"); the buckets that pace sends are derived from them.
   */
  rateLimits?: RateLimitOverrides;
  /** How long a claimed delivery stays ours; a crashed process's claims come back after it. */
  leaseMs?: number;
  /** Claimed rows held per platform at most. */
  batchSize?: number;
  /**
   * Platform calls in flight per platform at most (different chats; one chat's messages stay in
   * order). Fewer are used when fewer keep up with the platform's rate: each is a message a crash
   * could duplicate.
   */
  concurrency?: number;
  /** Fallback poll for deliveries written by another process. */
  idlePollMs?: number;
  /** A chat wait longer than this sends its row back to the outbox instead of holding it. */
  holdMaxMs?: number;
  /** Transient failures are retried with backoff until a row is this old (default 24 h), then failed. */
  giveUpAfterMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Returns [0, 1) for retry jitter; injectable for tests. */
  random?: () => number;
  /** One message is edited in place at most this often (default a minute). */
  editEveryMs?: number;
  /** Discord's invalid-request budget; above half, each Discord send waits `slowdownMs` longer. */
  invalidRequests?: { limit?: number; windowMs?: number; slowdownMs?: number };
  onOutcome?: (event: OutcomeEvent) => void;
}

export interface Dispatcher {
  start(): void;
  wake(): void;
  /** Runs every platform until nothing is due now; for the CLI and tests (not while started). */
  drain(): Promise<number>;
  /** Stops claiming, lets in-flight sends finish, returns unsent claims to the queue. */
  stop(): Promise<void>;
  /** Discord invalid requests counted in the current window; 0 for other platforms. */
  invalidRequestCount(platform: string): number;
}

/** One lane per platform: a slow or rate-limited platform never holds up another. */
export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const clock = opts.clock ?? Date.now;
  const budgets = new Map<string, InvalidRequestBudget>();
  const lanes: Lane[] = opts.channels.map((channel) => {
    const limits = limitsFor(channel.platform, opts.rateLimits);
    const limiter = new SendLimiter(limits.buckets, { clock });
    let budget: InvalidRequestBudget | undefined;
    if (channel.platform === "discord") {
      budget = new InvalidRequestBudget({
        limit: opts.invalidRequests?.limit ?? discordInvalidRequestBudget.limit,
        windowMs: opts.invalidRequests?.windowMs ?? discordInvalidRequestBudget.windowMs,
        slowdownMs: opts.invalidRequests?.slowdownMs ?? 200,
        onWarning: (count, limit) =>
          opts.logger.warn({ platform: channel.platform, invalidRequests: count, limit }, "above half of Discord's invalid-request budget (401/403/429); slowing down sends to avoid a temporary ban"),
      });
      budgets.set(channel.platform, budget);
      const counted = budget;
      channel.onInvalidRequests?.((count) => counted.record(clock(), count));
    }
    return createLane({
      db: opts.db,
      channel,
      limiter,
      logger: opts.logger,
      clock,
      prepare: { defaultTimezone: opts.defaultTimezone, editEveryMs: opts.editEveryMs ?? 60_000, editRecheckMs: 5_000 },
      settle: {
        giveUpAfterMs: opts.giveUpAfterMs ?? DAY_MS,
        retry: { baseMs: opts.retryBaseMs ?? 5_000, maxMs: opts.retryMaxMs ?? 3_600_000, random: opts.random ?? Math.random },
      },
      leaseMs: opts.leaseMs ?? 30_000,
      batchSize: opts.batchSize ?? 64,
      concurrency: opts.concurrency ?? 16,
      sendsPerSecond: limits.buckets.global?.refillPerSecond ?? Number.POSITIVE_INFINITY,
      windows: new ArrivalWindows(limits.windows),
      idlePollMs: opts.idlePollMs ?? 500,
      holdMaxMs: opts.holdMaxMs ?? 5_000,
      outageAfter: 5,
      budget,
      onOutcome: opts.onOutcome,
    });
  });
  let running: Promise<unknown> | undefined;

  return {
    start() {
      if (running || lanes.length === 0) return;
      running = Promise.all(lanes.map((lane) => lane.run()));
    },
    wake() {
      for (const lane of lanes) lane.wake();
    },
    async drain() {
      const counts = await Promise.all(lanes.map((lane) => lane.drain()));
      return counts.reduce((a, b) => a + b, 0);
    },
    async stop() {
      await Promise.all(lanes.map((lane) => lane.stop()));
      await running;
      running = undefined;
    },
    invalidRequestCount(platform) {
      return budgets.get(platform)?.count(clock()) ?? 0;
    },
  };
}
