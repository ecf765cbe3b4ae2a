import type { Kysely } from "kysely";
import { moveChat } from "../db/chat-migration-queries.js";
import {
  claimDueDeliveries,
  dropPendingForChat,
  failDelivery,
  markDeliverySent,
  nextDueAt,
  rescheduleDelivery,
  type Delivery,
} from "../db/delivery-queries.js";
import type { Database } from "../db/schema.js";
import { clusterSources, getStory } from "../db/story-queries.js";
import { deactivateChat, getSubscription } from "../db/subscription-queries.js";
import type { Logger } from "../logger.js";
import type { Alert } from "./alert.js";
import type { AlertChannel } from "./alert-channel.js";
import { nextRetryDelayMs, shouldGiveUp } from "./backoff.js";
import { mergeRateLimits, type RateLimitOverrides } from "./rate-limit/rate-limits.js";
import { SendLimiter } from "./rate-limit/send-limiter.js";
import type { SendResult } from "./send-result.js";

export type DeliveryOutcome = SendResult["status"] | "rate-limited-locally" | "expired";

export interface DispatcherOptions {
  db: Kysely<Database>;
  channels: readonly AlertChannel[];
  logger: Logger;
  defaultTimezone: string;
  clock?: () => number;
  rateLimits?: RateLimitOverrides;
  /** How long a claimed delivery stays ours; a crashed process's claims come back after it. */
  leaseMs?: number;
  batchSize?: number;
  /** Sends in flight at once (different chats; one chat's messages stay in order). */
  concurrency?: number;
  /** Fallback poll for deliveries written by another process. */
  idlePollMs?: number;
  onOutcome?: (event: { platform: string; outcome: DeliveryOutcome; latencyMs?: number }) => void;
}

export interface Dispatcher {
  start(): void;
  wake(): void;
  /** Runs claims until nothing is due now; for the CLI and tests. */
  drain(): Promise<number>;
  /** Stops claiming, lets in-flight sends finish, returns unsent claims to the queue. */
  stop(): Promise<void>;
}

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const clock = opts.clock ?? Date.now;
  const leaseMs = opts.leaseMs ?? 30_000;
  const batchSize = opts.batchSize ?? 50;
  const concurrency = opts.concurrency ?? 8;
  const idlePollMs = opts.idlePollMs ?? 500;
  const channels = new Map(opts.channels.map((c) => [c.platform, c]));
  const limits = mergeRateLimits(opts.rateLimits);
  const limiters = new Map(
    opts.channels.map((c) => [c.platform, new SendLimiter(limits[c.platform as keyof typeof limits] ?? {}, { clock })]),
  );
  const platforms = [...channels.keys()];
  const log = opts.logger;

  let stopping = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let pendingWake = false;

  async function buildAlert(delivery: Delivery): Promise<Alert | undefined> {
    const story = await getStory(opts.db, delivery.storyId);
    if (!story) return undefined;
    const sub = delivery.subscriptionId === null ? undefined : await getSubscription(opts.db, delivery.subscriptionId);
    const more = story.clusterId === null ? [] : await clusterSources(opts.db, story.clusterId, story.id);
    return {
      storyId: story.id,
      title: story.title,
      summary: story.summary,
      url: story.url,
      source: story.source,
      moreSources: more.filter((s) => s !== story.source),
      publishedAt: story.publishedAt,
      timezone: sub?.timezone ?? opts.defaultTimezone,
      topics: story.topics,
      breaking: story.breaking,
    };
  }

  async function settle(delivery: Delivery, result: SendResult, alert: Alert): Promise<DeliveryOutcome> {
    const now = clock();
    const chat = { platform: delivery.platform, chatId: delivery.chatId };
    switch (result.status) {
      case "sent":
        await markDeliverySent(opts.db, delivery.id, result.messageId, now);
        return "sent";
      case "retry-after": {
        // Pause exactly what the platform named, then retry without counting an attempt.
        limiters.get(delivery.platform)?.pause(result.scope, delivery.chatId, now + result.retryAfterMs);
        await rescheduleDelivery(opts.db, delivery.id, now + result.retryAfterMs, result.error, { countAttempt: false }, now);
        log.warn({ platform: delivery.platform, chat: delivery.chatId, scope: result.scope, retryAfterMs: result.retryAfterMs }, "rate limited by the platform; waiting as told");
        return "retry-after";
      }
      case "transient": {
        if (shouldGiveUp(delivery.createdAt, now)) {
          await failDelivery(opts.db, delivery.id, "failed", `gave up after 24 hours: ${result.error}`, now);
          log.error({ delivery: delivery.id, error: result.error }, "delivery failed for 24 hours; giving up");
          return "expired";
        }
        const delay = nextRetryDelayMs(delivery.attempts);
        await rescheduleDelivery(opts.db, delivery.id, now + delay, result.error, { countAttempt: true }, now);
        log.warn({ delivery: delivery.id, attempt: delivery.attempts, retryInMs: delay, error: result.error }, "send failed; will retry");
        return "transient";
      }
      case "gone": {
        const subs = await deactivateChat(opts.db, chat, result.error, now);
        const dropped = await dropPendingForChat(opts.db, chat, `chat unavailable: ${result.error}`, now);
        log.warn({ platform: delivery.platform, chat: delivery.chatId, subscriptions: subs, droppedDeliveries: dropped, error: result.error }, "chat is gone; subscriptions deactivated");
        return "gone";
      }
      case "migrated": {
        const moved = await moveChat(opts.db, delivery.platform, delivery.chatId, result.newChatId, now);
        log.info({ from: delivery.chatId, to: result.newChatId, ...moved }, "chat moved to a new id; re-sending there");
        return "migrated";
      }
      case "rejected":
        await failDelivery(opts.db, delivery.id, "failed", `rejected by the platform: ${result.error}`, now);
        log.error({ delivery: delivery.id, error: result.error, alert }, "platform rejected the message; not retrying");
        return "rejected";
    }
  }

  async function deliver(delivery: Delivery): Promise<void> {
    const channel = channels.get(delivery.platform);
    const limiter = limiters.get(delivery.platform);
    if (!channel || !limiter) return;
    if (stopping) {
      await rescheduleDelivery(opts.db, delivery.id, clock(), "returned to the queue at shutdown", { countAttempt: false });
      return;
    }
    const alert = await buildAlert(delivery);
    if (!alert) {
      await failDelivery(opts.db, delivery.id, "dropped", "story no longer stored");
      return;
    }
    const permit = limiter.tryAcquire({ chatId: delivery.chatId, isGroup: channel.isGroupChat?.(delivery.chatId) ?? false });
    if (!permit.ok) {
      await rescheduleDelivery(opts.db, delivery.id, clock() + permit.waitMs, `waiting for the ${permit.scope} rate limit`, { countAttempt: false });
      opts.onOutcome?.({ platform: delivery.platform, outcome: "rate-limited-locally" });
      return;
    }
    if (delivery.recoveredLeases > 0) {
      log.warn({ delivery: delivery.id, recoveredLeases: delivery.recoveredLeases }, "re-sending a delivery whose previous claim expired (it may have been sent before a crash)");
    }
    let result: SendResult;
    try {
      result = await channel.send({ chatId: delivery.chatId, threadId: delivery.threadId }, alert);
    } catch (error) {
      // Adapters should never throw; if one does, the message is retried rather than lost.
      result = { status: "transient", error: error instanceof Error ? error.message : String(error) };
    }
    const outcome = await settle(delivery, result, alert);
    opts.onOutcome?.({ platform: delivery.platform, outcome, latencyMs: clock() - alert.publishedAt.getTime() });
  }

  /** One chat's deliveries in order; chats in parallel up to `concurrency`. */
  async function processBatch(batch: Delivery[]): Promise<void> {
    const byChat = new Map<string, Delivery[]>();
    for (const d of batch) {
      const key = `${d.platform}\u0000${d.chatId}`;
      byChat.set(key, [...(byChat.get(key) ?? []), d]);
    }
    const queues = [...byChat.values()];
    const workers = Array.from({ length: Math.min(concurrency, queues.length) }, async () => {
      for (let q = queues.shift(); q; q = queues.shift()) {
        for (const d of q) {
          try {
            await deliver(d);
          } catch (error) {
            log.error({ err: error, delivery: d.id }, "delivery bookkeeping failed; the lease will expire and it will be retried");
          }
        }
      }
    });
    await Promise.all(workers);
  }

  async function claimAndSend(): Promise<number> {
    const batch = await claimDueDeliveries(opts.db, { platforms, limit: batchSize, leaseMs, now: clock() });
    if (batch.length > 0) await processBatch(batch);
    return batch.length;
  }

  async function sleep(): Promise<void> {
    if (pendingWake) {
      pendingWake = false;
      return;
    }
    const due = await nextDueAt(opts.db, platforms);
    const wait = due === null ? idlePollMs : Math.max(0, Math.min(idlePollMs, due - clock()));
    if (wait === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, wait);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function run(): Promise<void> {
    while (!stopping) {
      try {
        const n = await claimAndSend();
        if (n === 0) await sleep();
      } catch (error) {
        log.error({ err: error }, "dispatcher pass failed; retrying shortly");
        await new Promise((r) => setTimeout(r, idlePollMs));
      }
    }
  }

  return {
    start() {
      if (loop || platforms.length === 0) return;
      stopping = false;
      loop = run();
    },
    wake() {
      if (wakeUp) wakeUp();
      else pendingWake = true;
    },
    async drain() {
      let total = 0;
      for (let n = await claimAndSend(); n > 0; n = await claimAndSend()) total += n;
      return total;
    },
    async stop() {
      stopping = true;
      wakeUp?.();
      await loop;
      loop = undefined;
    },
  };
}
