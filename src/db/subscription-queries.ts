import type { Kysely, Selectable } from "kysely";
import type { Database, SubscriptionsTable } from "./schema.js";

export type SubscriptionMode = "instant" | "breaking" | "digest";

export interface Subscription {
  id: number;
  platform: string;
  chatId: string;
  threadId: string | null;
  topicSlug: string | null;
  query: string | null;
  mode: SubscriptionMode;
  schedule: string | null;
  timezone: string;
  mutedUntil: Date | null;
  createdBy: string | null;
  active: boolean;
  createdAt: Date;
}

export interface NewSubscription {
  platform: string;
  chatId: string;
  threadId?: string | null;
  target: { topic: string } | { query: string };
  mode: SubscriptionMode;
  schedule?: string | null;
  timezone: string;
  createdBy?: string | null;
}

function targetKey(target: NewSubscription["target"]): string {
  return "topic" in target ? `topic:${target.topic}` : `query:${target.query}`;
}

/** The row a new subscription is stored as. */
function subscriptionRow(sub: NewSubscription, now: number) {
  return {
    platform: sub.platform,
    chat_id: sub.chatId,
    thread_id: sub.threadId ?? null,
    target: targetKey(sub.target),
    topic_slug: "topic" in sub.target ? sub.target.topic : null,
    query: "query" in sub.target ? sub.target.query : null,
    mode: sub.mode,
    schedule: sub.schedule ?? null,
    timezone: sub.timezone,
    created_by: sub.createdBy ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
  };
}

export function subscriptionFromRow(row: Selectable<SubscriptionsTable>): Subscription {
  return {
    id: row.id,
    platform: row.platform,
    chatId: row.chat_id,
    threadId: row.thread_id,
    topicSlug: row.topic_slug,
    query: row.query,
    mode: row.mode as SubscriptionMode,
    schedule: row.schedule,
    timezone: row.timezone,
    mutedUntil: row.muted_until === null ? null : new Date(Number(row.muted_until)),
    createdBy: row.created_by,
    active: row.active === 1,
    createdAt: new Date(Number(row.created_at)),
  };
}

export type SubscribeResult = { status: "created" | "updated" | "unchanged"; subscription: Subscription };

/** Creates the subscription, or reactivates / updates the chat's existing one for the same target. */
export async function subscribe(db: Kysely<Database>, sub: NewSubscription, now = Date.now()): Promise<SubscribeResult> {
  const target = targetKey(sub.target);
  const existing = await db
    .selectFrom("subscriptions")
    .selectAll()
    .where("platform", "=", sub.platform)
    .where("chat_id", "=", sub.chatId)
    .where("target", "=", target)
    .executeTakeFirst();
  if (existing) {
    const same = existing.active === 1 && existing.mode === sub.mode && existing.timezone === sub.timezone && (existing.schedule ?? null) === (sub.schedule ?? null);
    if (same) return { status: "unchanged", subscription: subscriptionFromRow(existing) };
    const row = await db
      .updateTable("subscriptions")
      .set({ active: 1, deactivated_reason: null, mode: sub.mode, schedule: sub.schedule ?? null, timezone: sub.timezone, thread_id: sub.threadId ?? existing.thread_id, updated_at: now })
      .where("id", "=", existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { status: "updated", subscription: subscriptionFromRow(row) };
  }
  const row = await db
    .insertInto("subscriptions")
    .values(subscriptionRow(sub, now))
    .returningAll()
    .executeTakeFirstOrThrow();
  return { status: "created", subscription: subscriptionFromRow(row) };
}

/** Deactivates a chat's subscriptions to `target` (or all of them); returns how many. */
export async function unsubscribe(
  db: Kysely<Database>,
  chat: { platform: string; chatId: string },
  target: { topic: string } | { query: string } | { id: number } | "all",
  now = Date.now(),
): Promise<number> {
  let query = db
    .updateTable("subscriptions")
    .set({ active: 0, deactivated_reason: "unsubscribed", updated_at: now })
    .where("platform", "=", chat.platform)
    .where("chat_id", "=", chat.chatId)
    .where("active", "=", 1);
  if (target !== "all") {
    query = "id" in target ? query.where("id", "=", target.id) : query.where("target", "=", targetKey(target));
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function chatSubscriptions(db: Kysely<Database>, chat: { platform: string; chatId: string }): Promise<Subscription[]> {
  const rows = await db
    .selectFrom("subscriptions")
    .selectAll()
    .where("platform", "=", chat.platform)
    .where("chat_id", "=", chat.chatId)
    .where("active", "=", 1)
    .orderBy("id")
    .execute();
  return rows.map(subscriptionFromRow);
}

export async function allSubscriptions(db: Kysely<Database>, opts: { activeOnly: boolean }): Promise<Subscription[]> {
  let query = db.selectFrom("subscriptions").selectAll();
  if (opts.activeOnly) query = query.where("active", "=", 1);
  const rows = await query.orderBy("id").execute();
  return rows.map(subscriptionFromRow);
}

/** Chat gone or bot removed: stop sending there; returns how many subscriptions were deactivated. */
export async function deactivateChat(db: Kysely<Database>, chat: { platform: string; chatId: string }, reason: string, now = Date.now()): Promise<number> {
  const result = await db
    .updateTable("subscriptions")
    .set({ active: 0, deactivated_reason: reason, updated_at: now })
    .where("platform", "=", chat.platform)
    .where("chat_id", "=", chat.chatId)
    .where("active", "=", 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function muteChat(db: Kysely<Database>, chat: { platform: string; chatId: string }, until: Date | null, now = Date.now()): Promise<number> {
  const result = await db
    .updateTable("subscriptions")
    .set({ muted_until: until === null ? null : until.getTime(), updated_at: now })
    .where("platform", "=", chat.platform)
    .where("chat_id", "=", chat.chatId)
    .where("active", "=", 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Changes whenever any subscription is added or changed: lets matchers cache their index. */
export async function subscriptionsVersion(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom("subscriptions")
    .select([(eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.max("updated_at").as("at"), (eb) => eb.fn.max("id").as("id")])
    .executeTakeFirst();
  return `${row?.n ?? 0}:${row?.at ?? 0}:${row?.id ?? 0}`;
}

export async function getSubscription(db: Kysely<Database>, id: number): Promise<Subscription | undefined> {
  const row = await db.selectFrom("subscriptions").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? subscriptionFromRow(row) : undefined;
}

/**
 * Switches a chat's active subscriptions in one of `from` modes to `to` (/digest and /digest off);
 * returns how many changed. `schedule` and `timezone` are written too when given.
 */
export async function setChatSubscriptionMode(
  db: Kysely<Database>,
  chat: { platform: string; chatId: string },
  change: { from: readonly SubscriptionMode[]; to: SubscriptionMode; schedule?: string | null; timezone?: string },
  now = Date.now(),
): Promise<number> {
  if (change.from.length === 0) return 0;
  const result = await db
    .updateTable("subscriptions")
    .set({
      mode: change.to,
      ...(change.schedule !== undefined ? { schedule: change.schedule } : {}),
      ...(change.timezone !== undefined ? { timezone: change.timezone } : {}),
      updated_at: now,
    })
    .where("platform", "=", chat.platform)
    .where("chat_id", "=", chat.chatId)
    .where("active", "=", 1)
    .where("mode", "in", [...change.from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The thread a chat's subscriptions post into (the first that names one), for chat-wide messages such as digests. */
export async function chatThreadId(db: Kysely<Database>, chat: { platform: string; chatId: string }): Promise<string | null> {
  const row = await db
    .selectFrom("subscriptions")
    .select("thread_id")
    .where("platform", "=", chat.platform)
    .where("chat_id", "=", chat.chatId)
    .where("active", "=", 1)
    .where("thread_id", "is not", null)
    .orderBy("id")
    .executeTakeFirst();
  return row?.thread_id ?? null;
}

/** Creates many new subscriptions at once (imports, benchmarks); ones a chat already has are left as they are. Returns how many were new. */
export async function subscribeMany(db: Kysely<Database>, subs: readonly NewSubscription[], now = Date.now()): Promise<number> {
  let added = 0;
  // Chunked to stay under SQLite's bound-parameter limit.
  for (let i = 0; i < subs.length; i += 500) {
    const result = await db
      .insertInto("subscriptions")
      .values(
        subs.slice(i, i + 500).map((sub) => subscriptionRow(sub, now)),
      )
      .onConflict((oc) => oc.columns(["platform", "chat_id", "target"]).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}
