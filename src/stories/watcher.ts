import type { Kysely } from "kysely";
import { allChatSettings, chatSettingsVersion, type ChatSettings } from "../db/chat-settings-queries.js";
import { clusterDeliveriesForChats, enqueueDeliveries, type NewDelivery } from "../db/delivery-queries.js";
import { addDigestItems, type NewDigestItem } from "../db/digest-queries.js";
import { getKv, setKv } from "../db/kv-queries.js";
import type { Database } from "../db/schema.js";
import { latestStories, storiesAfter } from "../db/story-queries.js";
import { allSubscriptions, subscriptionsVersion } from "../db/subscription-queries.js";
import { parseClockTime } from "../delivery/schedule/clock-time.js";
import type { Logger } from "../logger.js";
import { planClusterGrowth, planDeliveries, type ChatRules } from "./fan-out.js";
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
  /** One alert message is edited in place at most this often when its cluster grows. */
  editEveryMs?: number;
  /** Called after outbox rows were committed, so the dispatcher can wake at once. */
  onEnqueued?: (count: number) => void;
  /**
   * Runs a pass unless another process's watcher is in one (several bot processes on PostgreSQL):
   * a skipped pass writes nothing; the running one reads on until no story is left.
   */
  exclusive?: (pass: () => Promise<PassResult>) => Promise<{ ran: true; value: PassResult } | { ran: false }>;
}

export interface PassResult {
  stories: number;
  /** Outbox rows written: alerts and in-place edits. */
  deliveries: number;
  /** Stories filed for chats' next digests. */
  digestItems: number;
}

export interface Watcher {
  /** Matches every story stored since the cursor and writes the outbox; safe to call any time. */
  runOnce(): Promise<PassResult>;
  /** In-process wake-up after a write; the poll timer covers other processes. */
  wake(): void;
  start(): void;
  stop(): Promise<void>;
}

function rulesFromSettings(settings: ChatSettings): ChatRules {
  const start = settings.quietStart === null ? undefined : parseClockTime(settings.quietStart);
  const end = settings.quietEnd === null ? undefined : parseClockTime(settings.quietEnd);
  return {
    timezone: settings.timezone,
    quiet: start !== undefined && end !== undefined ? { start, end, breaking: settings.quietBreaking } : null,
    mutedUntil: settings.mutedUntil,
    digest: settings.digestTimes !== null,
  };
}

const chatKey = (platform: string, chatId: string) => `${platform}\u0000${chatId}`;

export function createWatcher(opts: WatcherOptions): Watcher {
  const clock = opts.clock ?? (() => new Date());
  // Stories written by this process wake the watcher at once; the poll only covers other writers.
  const pollMs = opts.pollMs ?? 250;
  const batchSize = opts.batchSize ?? 200;
  const editEveryMs = opts.editEveryMs ?? 60_000;
  let matcher: { version: string; matcher: SubscriptionMatcher } | undefined;
  let rules: { version: string; byChat: Map<string, ChatRules> } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<PassResult> | undefined;
  let again = false;
  let stopped = true;

  async function currentMatcher(): Promise<SubscriptionMatcher> {
    const version = await subscriptionsVersion(opts.db);
    if (matcher?.version !== version) {
      const subs = await allSubscriptions(opts.db, { activeOnly: true });
      // The last thousand stories tell which words are rare: queries are filed under those.
      const sample = await latestStories(opts.db, { limit: 1000 });
      const built = createSubscriptionMatcher(subs, (sub, error) => opts.logger.warn({ subscription: sub.id, error }, "subscription query no longer parses; skipped"), sample);
      matcher = { version, matcher: built };
    }
    return matcher.matcher;
  }

  async function currentRules(): Promise<Map<string, ChatRules>> {
    const version = await chatSettingsVersion(opts.db);
    if (rules?.version !== version) {
      const all = await allChatSettings(opts.db);
      rules = { version, byChat: new Map(all.map((s) => [chatKey(s.platform, s.chatId), rulesFromSettings(s)])) };
    }
    return rules.byChat;
  }

  /** Chats given an alert for a cluster earlier in this batch, whose rows are not committed yet. */
  type BatchAlerts = Map<number, Set<string>>;

  const append = <T>(to: T[], from: readonly T[]) => {
    // A loop, not push(...from): a fan-out to 100,000 chats is too many arguments for one call.
    for (const x of from) to.push(x);
  };

  async function planStory(
    story: Story,
    m: SubscriptionMatcher,
    byChat: Map<string, ChatRules>,
    now: Date,
    batch: BatchAlerts,
    out: { deliveries: NewDelivery[]; digestItems: NewDigestItem[] },
  ): Promise<void> {
    const plan = planDeliveries(story, m.match(story), now, (platform, chatId) => byChat.get(chatKey(platform, chatId)));
    append(out.digestItems, plan.digestItems);
    const clusterId = story.clusterId;
    // Only clusters with several stories in this batch need to remember who they alerted.
    const inBatch = clusterId === null ? undefined : batch.get(clusterId);
    let alerts = plan.deliveries;
    // A chat alerted for this cluster earlier in the batch: that alert is rendered later and will name this source.
    if (inBatch && inBatch.size > 0) alerts = alerts.filter((d) => !inBatch.has(chatKey(d.platform, d.chatId)));
    if (clusterId !== null && clusterId !== story.id && alerts.length > 0) {
      const kept: NewDelivery[] = [];
      for (const platform of new Set(alerts.map((d) => d.platform))) {
        const forPlatform = alerts.filter((d) => d.platform === platform);
        const existing = await clusterDeliveriesForChats(opts.db, platform, clusterId, forPlatform.map((d) => d.chatId));
        const growth = planClusterGrowth(forPlatform, existing, now.getTime(), editEveryMs);
        append(kept, growth.alerts);
        append(out.deliveries, growth.edits);
      }
      alerts = kept;
    }
    if (inBatch) for (const d of alerts) inBatch.add(chatKey(d.platform, d.chatId));
    append(out.deliveries, alerts);
  }

  async function pass(): Promise<PassResult> {
    const total: PassResult = { stories: 0, deliveries: 0, digestItems: 0 };
    for (;;) {
      const cursor = Number((await getKv(opts.db, CURSOR_KEY)) ?? 0);
      const stories = await storiesAfter(opts.db, cursor, batchSize);
      if (stories.length === 0) return total;
      const m = await currentMatcher();
      const byChat = await currentRules();
      const now = clock();
      const planned = { deliveries: [] as NewDelivery[], digestItems: [] as NewDigestItem[] };
      const batch: BatchAlerts = new Map();
      const clusterCounts = new Map<number, number>();
      for (const story of stories) if (story.clusterId !== null) clusterCounts.set(story.clusterId, (clusterCounts.get(story.clusterId) ?? 0) + 1);
      for (const [clusterId, n] of clusterCounts) if (n > 1) batch.set(clusterId, new Set());
      for (const story of stories) await planStory(story, m, byChat, now, batch, planned);
      const rows = planned.deliveries;
      const items = planned.digestItems;
      const last = stories[stories.length - 1]?.id ?? cursor;
      // Advance the cursor only in the transaction that commits the outbox rows and digest items.
      const added = await opts.db.transaction().execute(async (trx) => {
        const deliveries = await enqueueDeliveries(trx, rows, now.getTime());
        const digestItems = await addDigestItems(trx, items, now.getTime());
        const latest = Number((await getKv(trx, CURSOR_KEY)) ?? 0);
        if (last > latest) await setKv(trx, CURSOR_KEY, String(last), now.getTime());
        return { deliveries, digestItems };
      });
      total.stories += stories.length;
      total.deliveries += added.deliveries;
      total.digestItems += added.digestItems;
      if (added.deliveries > 0 || added.digestItems > 0) opts.logger.debug({ stories: stories.length, ...added }, "matched new stories");
      if (added.deliveries > 0) opts.onEnqueued?.(added.deliveries);
    }
  }

  function runOnce(): Promise<PassResult> {
    if (running) {
      again = true;
      return running;
    }
    const guarded = opts.exclusive ? opts.exclusive(pass).then((r) => (r.ran ? r.value : { stories: 0, deliveries: 0, digestItems: 0 })) : pass();
    running = guarded.finally(() => {
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
