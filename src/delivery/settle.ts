import type { Kysely } from "kysely";
import { moveChat } from "../db/chat-migration-queries.js";
import { deferChat, dropPendingForChat, failDelivery, markDeliverySent, markEditSent, rescheduleDelivery, type Delivery } from "../db/delivery-queries.js";
import { deleteOpenDigestItems } from "../db/digest-queries.js";
import type { Database } from "../db/schema.js";
import { deactivateChat } from "../db/subscription-queries.js";
import type { Logger } from "../logger.js";
import { nextRetryDelayMs, shouldGiveUp } from "./backoff.js";
import type { Prepared } from "./prepare.js";
import type { SendLimiter } from "./rate-limit/send-limiter.js";
import type { SendResult } from "./send-result.js";

export type SettleOutcome =
  | { outcome: "sent" }
  | { outcome: "retry-after"; waitMs: number }
  | { outcome: "transient"; retryInMs: number }
  | { outcome: "expired" }
  | { outcome: "gone"; subscriptions: number; dropped: number }
  | { outcome: "migrated"; newChatId: string }
  | { outcome: "rejected" };

export interface SettleDeps {
  db: Kysely<Database>;
  limiter: SendLimiter;
  logger: Logger;
  /** Transient failures are retried until the row is this old, then failed. */
  giveUpAfterMs: number;
  retry: { baseMs: number; maxMs: number; random: () => number };
}

type Sendable = Extract<Prepared, { kind: "alert" | "edit" | "digest" }>;

/** What the platform refused, for the log: the content, never the whole row. */
const payloadOf = (prepared: Sendable) => (prepared.kind === "digest" ? { digest: prepared.digest } : { alert: prepared.alert });

/**
 * Records what one platform call did to its outbox row and applies the consequences: a 429
 * pauses exactly what it named, a gone chat loses its subscriptions and queued rows, a moved
 * chat moves everything. Pure bookkeeping: sending is the caller's.
 */
export async function settleDelivery(deps: SettleDeps, delivery: Delivery, prepared: Sendable, result: SendResult, now: number): Promise<SettleOutcome> {
  const { db, logger: log } = deps;
  const chat = { platform: delivery.platform, chatId: delivery.chatId };
  switch (result.status) {
    case "sent":
      if (prepared.kind === "edit") await markEditSent(db, delivery.id, prepared.originalId, result.messageId, now);
      else await markDeliverySent(db, delivery.id, result.messageId, now);
      return { outcome: "sent" };
    case "retry-after": {
      const until = now + Math.max(0, result.retryAfterMs);
      deps.limiter.pause(result.scope, delivery.chatId, until);
      // The whole chat waits with it, so its messages stay in order; the call does not count as an attempt.
      await deferChat(db, delivery.id, chat, until, result.error, { countAttempt: false }, now);
      log.warn({ platform: delivery.platform, chat: delivery.chatId, scope: result.scope, retryAfterMs: result.retryAfterMs }, "rate limited by the platform; waiting as told");
      return { outcome: "retry-after", waitMs: result.retryAfterMs };
    }
    case "transient": {
      if (shouldGiveUp(delivery.createdAt, now, deps.giveUpAfterMs)) {
        await failDelivery(db, delivery.id, "failed", `gave up after ${Math.round(deps.giveUpAfterMs / 3_600_000)} hours: ${result.error}`, now);
        log.error({ delivery: delivery.id, kind: delivery.kind, error: result.error }, "delivery kept failing; giving up");
        return { outcome: "expired" };
      }
      const delay = nextRetryDelayMs(delivery.attempts + 1, deps.retry);
      await rescheduleDelivery(db, delivery.id, now + delay, result.error, { countAttempt: true }, now);
      log.warn({ delivery: delivery.id, attempt: delivery.attempts + 1, retryInMs: delay, error: result.error }, "send failed; will retry");
      return { outcome: "transient", retryInMs: delay };
    }
    case "gone": {
      const subscriptions = await deactivateChat(db, chat, result.error, now);
      const dropped = await dropPendingForChat(db, chat, `chat unavailable: ${result.error}`, now);
      const digestItems = await deleteOpenDigestItems(db, chat);
      log.warn({ platform: delivery.platform, chat: delivery.chatId, subscriptions, droppedDeliveries: dropped, digestItems, error: result.error }, "chat is gone; subscriptions deactivated, queued deliveries dropped");
      return { outcome: "gone", subscriptions, dropped };
    }
    case "migrated": {
      // Moves this row too (back to pending, due now): it is re-sent to the new id.
      const moved = await moveChat(db, delivery.platform, delivery.chatId, result.newChatId, now);
      log.info({ from: delivery.chatId, to: result.newChatId, ...moved }, "chat moved to a new id; re-sending there");
      return { outcome: "migrated", newChatId: result.newChatId };
    }
    case "rejected":
      await failDelivery(db, delivery.id, "failed", `rejected by the platform: ${result.error}`, now);
      log.error({ delivery: delivery.id, kind: delivery.kind, chat: delivery.chatId, error: result.error, ...payloadOf(prepared) }, "platform rejected the message; not retrying");
      return { outcome: "rejected" };
  }
}
