import { sql, type Kysely, type Selectable } from "kysely";
import type { Database, DeliveriesTable } from "./schema.js";

export type DeliveryStatus = "pending" | "sending" | "sent" | "failed" | "dropped";

export interface Delivery {
  id: number;
  storyId: number;
  subscriptionId: number | null;
  clusterId: number | null;
  platform: string;
  chatId: string;
  threadId: string | null;
  status: DeliveryStatus;
  priority: number;
  attempts: number;
  /** Times this delivery was reclaimed after its lease expired (a possible duplicate each). */
  recoveredLeases: number;
  nextAttemptAt: Date;
  lastError: string | null;
  platformMessageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface NewDelivery {
  storyId: number;
  subscriptionId: number;
  clusterId: number | null;
  platform: string;
  chatId: string;
  threadId: string | null;
  /** Higher goes first: breaking stories jump the queue. */
  priority: number;
  nextAttemptAt: number;
}

export function deliveryFromRow(row: Selectable<DeliveriesTable>): Delivery {
  return {
    id: row.id,
    storyId: row.story_id,
    subscriptionId: row.subscription_id,
    clusterId: row.cluster_id,
    platform: row.platform,
    chatId: row.chat_id,
    threadId: row.thread_id,
    status: row.status as DeliveryStatus,
    priority: row.priority,
    attempts: row.attempts,
    recoveredLeases: row.recovered_leases,
    nextAttemptAt: new Date(Number(row.next_attempt_at)),
    lastError: row.last_error,
    platformMessageId: row.platform_message_id,
    createdAt: new Date(Number(row.created_at)),
    sentAt: row.sent_at === null ? null : new Date(Number(row.sent_at)),
  };
}

/** Writes outbox rows; one per (story, chat) — repeats are ignored. Returns how many were new. */
export async function enqueueDeliveries(db: Kysely<Database>, rows: NewDelivery[], now = Date.now()): Promise<number> {
  let added = 0;
  // Chunked so one story fanned out to 100,000 chats stays under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const result = await db
      .insertInto("deliveries")
      .values(
        chunk.map((r) => ({
          story_id: r.storyId,
          subscription_id: r.subscriptionId,
          cluster_id: r.clusterId,
          platform: r.platform,
          chat_id: r.chatId,
          thread_id: r.threadId,
          status: "pending",
          priority: r.priority,
          attempts: 0,
          recovered_leases: 0,
          next_attempt_at: r.nextAttemptAt,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(["story_id", "platform", "chat_id"]).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** Chats among `chatIds` that already got (or are getting) an alert for `clusterId`. */
export async function chatsAlertedForCluster(db: Kysely<Database>, platform: string, clusterId: number, chatIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < chatIds.length; i += 500) {
    const rows = await db
      .selectFrom("deliveries")
      .select("chat_id")
      .where("platform", "=", platform)
      .where("cluster_id", "=", clusterId)
      .where("chat_id", "in", chatIds.slice(i, i + 500))
      .where("status", "!=", "dropped")
      .execute();
    for (const r of rows) found.add(r.chat_id);
  }
  return found;
}

/**
 * Leases up to `limit` due deliveries of the given platforms: pending ones whose time has come and
 * `sending` ones whose lease expired (their process died mid-send). Breaking first, then oldest.
 */
export async function claimDueDeliveries(
  db: Kysely<Database>,
  opts: { platforms: string[]; limit: number; leaseMs: number; now?: number; excludeChats?: string[] },
): Promise<Delivery[]> {
  const now = opts.now ?? Date.now();
  if (opts.platforms.length === 0) return [];
  const rows = await db
    .updateTable("deliveries")
    .set({
      status: "sending",
      lease_until: now + opts.leaseMs,
      attempts: sql<number>`attempts + 1`,
      recovered_leases: sql<number>`recovered_leases + (case when status = 'sending' then 1 else 0 end)`,
      updated_at: now,
    })
    .where("id", "in", (eb) => {
      let q = eb
        .selectFrom("deliveries")
        .select("id")
        .where("platform", "in", opts.platforms)
        .where((w) =>
          w.or([
            w.and([w("status", "=", "pending"), w("next_attempt_at", "<=", now)]),
            w.and([w("status", "=", "sending"), w("lease_until", "<", now)]),
          ]),
        );
      if (opts.excludeChats && opts.excludeChats.length > 0) q = q.where("chat_id", "not in", opts.excludeChats);
      return q.orderBy("priority", "desc").orderBy("id").limit(opts.limit);
    })
    .returningAll()
    .execute();
  return rows.map(deliveryFromRow).sort((a, b) => b.priority - a.priority || a.id - b.id);
}

export async function markDeliverySent(db: Kysely<Database>, id: number, messageId: string, now = Date.now()): Promise<void> {
  await db
    .updateTable("deliveries")
    .set({ status: "sent", platform_message_id: messageId, sent_at: now, lease_until: null, last_error: null, updated_at: now })
    .where("id", "=", id)
    .execute();
}

export async function rescheduleDelivery(db: Kysely<Database>, id: number, at: number, error: string, opts: { countAttempt: boolean }, now = Date.now()): Promise<void> {
  await db
    .updateTable("deliveries")
    .set({
      status: "pending",
      next_attempt_at: at,
      lease_until: null,
      last_error: error,
      updated_at: now,
      // A rate-limit wait is not a failed attempt: give the attempt back.
      ...(opts.countAttempt ? {} : { attempts: sql<number>`max(attempts - 1, 0)` }),
    })
    .where("id", "=", id)
    .execute();
}

export async function failDelivery(db: Kysely<Database>, id: number, status: "failed" | "dropped", error: string, now = Date.now()): Promise<void> {
  await db.updateTable("deliveries").set({ status, lease_until: null, last_error: error, updated_at: now }).where("id", "=", id).execute();
}

/** Drops a gone chat's unsent deliveries; returns how many. */
export async function dropPendingForChat(db: Kysely<Database>, chat: { platform: string; chatId: string }, reason: string, now = Date.now()): Promise<number> {
  const result = await db
    .updateTable("deliveries")
    .set({ status: "dropped", lease_until: null, last_error: reason, updated_at: now })
    .where("platform", "=", chat.platform)
    .where("chat_id", "=", chat.chatId)
    .where("status", "in", ["pending", "sending"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listDeliveries(db: Kysely<Database>, opts: { status?: DeliveryStatus; limit?: number }): Promise<Delivery[]> {
  let query = db.selectFrom("deliveries").selectAll();
  if (opts.status) query = query.where("status", "=", opts.status);
  const rows = await query.orderBy("id").limit(opts.limit ?? 1000).execute();
  return rows.map(deliveryFromRow);
}

export async function deliveryCountsByStatus(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("deliveries")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** The earliest time a pending delivery becomes due, so the dispatcher can sleep until then. */
export async function nextDueAt(db: Kysely<Database>, platforms: string[]): Promise<number | null> {
  if (platforms.length === 0) return null;
  const row = await db
    .selectFrom("deliveries")
    .select((eb) => eb.fn.min("next_attempt_at").as("at"))
    .where("platform", "in", platforms)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return row?.at == null ? null : Number(row.at);
}
