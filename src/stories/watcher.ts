import type { Kysely } from "kysely";
import { chatsAlertedForCluster, enqueueDeliveries, type NewDelivery } from "../db/delivery-queries.js";
import { getKv, setKv } from "../db/kv-queries.js";
import type { Database } from "../db/schema.js";
import { storiesAfter } from "../db/story-queries.js";
import { allSubscriptions, subscriptionsVersion } from "../db/subscription-queries.js";
import type { Logger } from "../logger.js";
import { planDeliveries } from "./fan-out.js";
import type { Story } from "./story.js";
import { createSubscriptionMatcher, type SubscriptionMatcher } from "./subscription-matcher.js";

const CURSOR_KEY = "watcher.cursor";

export interface WatcherOptions {
  db: Kysely<Database>;
  logger: Logger;
  clock?: () => Date;
  /** Fallback poll for stories written by another process (an import, an ingest worker). */
  pollMs?: number;
  batchSize?: number;
  /** Called after outbox rows were committed, so the dispatcher can wake at once. */
  onEnqueued?: (count: number) => void;
}

export interface PassResult {
  stories: number;
  deliveries: number;
}

export interface Watcher {
  /** Matches every story stored since the cursor and writes the outbox; safe to call any time. */
  runOnce(): Promise<PassResult>;
  /** In-process wake-up after a write; the poll timer covers other processes. */
  wake(): void;
  start(): void;
  stop(): Promise<void>;
}

export function createWatcher(opts: WatcherOptions): Watcher {
  const clock = opts.clock ?? (() => new Date());
  const pollMs = opts.pollMs ?? 1000;
  const batchSize = opts.batchSize ?? 200;
  let matcher: { version: string; matcher: SubscriptionMatcher } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<PassResult> | undefined;
  let again = false;
  let stopped = true;

  async function currentMatcher(): Promise<SubscriptionMatcher> {
    const version = await subscriptionsVersion(opts.db);
    if (matcher?.version !== version) {
      const subs = await allSubscriptions(opts.db, { activeOnly: true });
      const built = createSubscriptionMatcher(subs, (sub, error) => opts.logger.warn({ subscription: sub.id, error }, "subscription query no longer parses; skipped"));
      matcher = { version, matcher: built };
    }
    return matcher.matcher;
  }

  async function deliveriesFor(story: Story, m: SubscriptionMatcher, now: Date): Promise<NewDelivery[]> {
    const plan = planDeliveries(story, m.match(story), now);
    if (story.clusterId === null || story.clusterId === story.id || plan.deliveries.length === 0) return plan.deliveries;
    // One alert per event per chat: chats already told about this cluster get nothing new.
    const kept: NewDelivery[] = [];
    for (const platform of new Set(plan.deliveries.map((d) => d.platform))) {
      const forPlatform = plan.deliveries.filter((d) => d.platform === platform);
      const alerted = await chatsAlertedForCluster(opts.db, platform, story.clusterId, forPlatform.map((d) => d.chatId));
      kept.push(...forPlatform.filter((d) => !alerted.has(d.chatId)));
    }
    return kept;
  }

  async function pass(): Promise<PassResult> {
    const total: PassResult = { stories: 0, deliveries: 0 };
    for (;;) {
      const cursor = Number((await getKv(opts.db, CURSOR_KEY)) ?? 0);
      const stories = await storiesAfter(opts.db, cursor, batchSize);
      if (stories.length === 0) return total;
      const m = await currentMatcher();
      const now = clock();
      const rows: NewDelivery[] = [];
      for (const story of stories) rows.push(...(await deliveriesFor(story, m, now)));
      const last = stories[stories.length - 1]?.id ?? cursor;
      // Advance the cursor only in the transaction that commits the outbox rows.
      const added = await opts.db.transaction().execute(async (trx) => {
        const n = await enqueueDeliveries(trx, rows, now.getTime());
        const latest = Number((await getKv(trx, CURSOR_KEY)) ?? 0);
        if (last > latest) await setKv(trx, CURSOR_KEY, String(last), now.getTime());
        return n;
      });
      total.stories += stories.length;
      total.deliveries += added;
      if (added > 0) {
        opts.logger.debug({ stories: stories.length, deliveries: added }, "matched new stories");
        opts.onEnqueued?.(added);
      }
    }
  }

  function runOnce(): Promise<PassResult> {
    if (running) {
      again = true;
      return running;
    }
    running = pass().finally(() => {
      running = undefined;
      if (again && !stopped) {
        again = false;
        void runOnce().catch((error: unknown) => opts.logger.error({ err: error }, "watcher pass failed"));
      }
    });
    return running;
  }

  function tick(): void {
    runOnce()
      .catch((error: unknown) => opts.logger.error({ err: error }, "watcher pass failed; retrying on the next tick"))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  }

  return {
    runOnce,
    wake() {
      if (!stopped) void runOnce().catch((error: unknown) => opts.logger.error({ err: error }, "watcher pass failed"));
    },
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
