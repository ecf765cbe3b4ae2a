import { DiscordAPIError, RateLimitError, RESTJSONErrorCodes, Routes, type REST } from "discord.js";
import type { Kysely } from "kysely";
import {
  dropChannelPublishes,
  duePublishes,
  finishPublish,
  postponeChannelPublishes,
  publishBacklog,
  queuePublish,
  retryPublishLater,
  type PendingPublish,
} from "../../db/discord-queries.js";
import type { Database } from "../../db/schema.js";
import type { Logger } from "../../logger.js";

type PublishOutcome =
  | { status: "published" }
  /** The channel's publish limit is spent until `until`. */
  | { status: "limited"; until: number; error: string }
  /** 5xx or network: try again later. */
  | { status: "retry"; error: string }
  /** The message or channel is gone, or the bot may not publish: trying again cannot help. */
  | { status: "impossible"; error: string };

export interface PublisherOptions {
  rest: REST;
  db: Kysely<Database>;
  logger: Logger;
  clock?: () => number;
}

export interface Publisher {
  /** Publishes a just-posted alert, or queues it behind the channel's backlog. */
  publish(channelId: string, messageId: string, storyId: number): Promise<void>;
  /** The channel is gone: forget what waits there. */
  forget(channelId: string): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Publishes waiting, as of the last change; for health(). */
  readonly waiting: number;
}

// Discord's reset time is exact; a little slack keeps the retry from landing a hair early.
const RESET_SLACK_MS = 250;
const RETRY_DELAY_MS = 60_000;
const MAX_ATTEMPTS = 10;
const MAX_AGE_MS = 24 * 3600_000;
// Re-read the table now and then even with nothing due, so a far-off timer never drifts for hours.
const MAX_SLEEP_MS = 5 * 60_000;
const BATCH = 50;

/**
 * Publishing (crossposting) alerts from announcement channels. Discord allows 10 publishes an hour
 * per channel; past that the alert is already in the channel, so only the publish waits, in the
 * database, and is retried when the limit resets — in posting order, across restarts.
 */
export function createPublisher(opts: PublisherOptions): Publisher {
  const { rest, db, logger } = opts;
  const clock = opts.clock ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();
  let stopped = true;
  let waiting = 0;

  async function crosspost(channelId: string, messageId: string): Promise<PublishOutcome> {
    try {
      await rest.post(Routes.channelMessageCrosspost(channelId, messageId));
      return { status: "published" };
    } catch (error) {
      if (error instanceof RateLimitError) {
        const wait = Math.max(error.retryAfter, error.timeToReset, 0);
        return { status: "limited", until: clock() + wait + RESET_SLACK_MS, error: `publish limit reached; resets in ${Math.ceil(wait / 1000)} s` };
      }
      if (error instanceof DiscordAPIError) {
        if (error.code === RESTJSONErrorCodes.ThisMessageWasAlreadyCrossposted) return { status: "published" };
        if (error.status >= 500) return { status: "retry", error: `Discord answered ${error.status}` };
        return { status: "impossible", error: `${error.message} (${String(error.code)})` };
      }
      return { status: "retry", error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function refreshCount(): Promise<number | null> {
    const backlog = await publishBacklog(db);
    waiting = backlog.count;
    return backlog.nextDueAt;
  }

  async function schedule(): Promise<void> {
    if (stopped) return;
    const next = await refreshCount();
    if (stopped) return;
    clearTimeout(timer);
    const delay = next === null ? MAX_SLEEP_MS : Math.min(Math.max(0, next - clock()), MAX_SLEEP_MS);
    timer = setTimeout(() => {
      pass = pass.then(runDue).catch((error: unknown) => logger.error({ err: error }, "Discord publish backlog pass failed"));
    }, delay);
  }

  async function settleQueued(row: PendingPublish, outcome: PublishOutcome, postponed: Set<string>): Promise<void> {
    if (outcome.status === "published") {
      await finishPublish(db, row.id);
      logger.info({ channel: row.channelId, message: row.messageId, waitedMs: clock() - row.createdAt }, "published a queued Discord alert");
    } else if (outcome.status === "impossible") {
      await finishPublish(db, row.id);
      logger.warn({ channel: row.channelId, message: row.messageId, error: outcome.error }, "cannot publish a queued Discord alert; dropping it");
    } else if (outcome.status === "limited") {
      postponed.add(row.channelId);
      await postponeChannelPublishes(db, row.channelId, outcome.until, outcome.error);
    } else if (row.attempts + 1 >= MAX_ATTEMPTS || clock() - row.createdAt > MAX_AGE_MS) {
      await finishPublish(db, row.id);
      logger.warn({ channel: row.channelId, message: row.messageId, error: outcome.error }, "gave up publishing a Discord alert");
    } else {
      await retryPublishLater(db, row.id, clock() + RETRY_DELAY_MS, outcome.error);
    }
  }

  async function runDue(): Promise<void> {
    if (stopped) return;
    const postponed = new Set<string>();
    for (const row of await duePublishes(db, clock(), BATCH)) {
      // One limited publish means the rest of that channel waits too, and keeps its order.
      if (stopped || postponed.has(row.channelId)) continue;
      await settleQueued(row, await crosspost(row.channelId, row.messageId), postponed);
    }
    await schedule();
  }

  async function enqueue(channelId: string, messageId: string, storyId: number, dueAt: number, error: string): Promise<void> {
    await queuePublish(db, { channelId, messageId, storyId, dueAt, error }, clock());
    await schedule();
  }

  return {
    get waiting() {
      return waiting;
    },
    async publish(channelId, messageId, storyId) {
      const backlog = await publishBacklog(db, channelId);
      if (backlog.count > 0) {
        // Alerts publish in the order they were posted: this one waits behind the others.
        await enqueue(channelId, messageId, storyId, backlog.nextDueAt ?? clock(), "waiting behind earlier publishes");
        return;
      }
      const outcome = await crosspost(channelId, messageId);
      if (outcome.status === "limited") {
        await enqueue(channelId, messageId, storyId, outcome.until, outcome.error);
        logger.warn({ channel: channelId, message: messageId, retryAt: new Date(outcome.until).toISOString() }, "Discord publish limit reached; the alert is posted and will be published when the limit resets");
      } else if (outcome.status === "retry") {
        await enqueue(channelId, messageId, storyId, clock() + RETRY_DELAY_MS, outcome.error);
      } else if (outcome.status === "impossible") {
        logger.warn({ channel: channelId, message: messageId, error: outcome.error }, "could not publish a Discord alert");
      }
    },
    async forget(channelId) {
      const dropped = await dropChannelPublishes(db, channelId);
      if (dropped > 0) await refreshCount();
    },
    async start() {
      stopped = false;
      await schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await pass;
    },
  };
}
