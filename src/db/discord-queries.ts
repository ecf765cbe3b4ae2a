import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** One Discord publish (crosspost) waiting for the channel's hourly limit to reset. */
export interface PendingPublish {
  id: number;
  channelId: string;
  messageId: string;
  storyId: number | null;
  dueAt: number;
  attempts: number;
  createdAt: number;
}

export interface PublishBacklog {
  count: number;
  /** When the next publish will be tried; null when nothing waits. */
  nextDueAt: number | null;
}

/** Queues a publish; queuing the same message twice keeps the first entry. */
export async function queuePublish(
  db: Kysely<Database>,
  entry: { channelId: string; messageId: string; storyId: number | null; dueAt: number; error: string },
  now = Date.now(),
): Promise<void> {
  await db
    .insertInto("discord_publish_backlog")
    .values({ channel_id: entry.channelId, message_id: entry.messageId, story_id: entry.storyId, due_at: entry.dueAt, last_error: entry.error, created_at: now })
    .onConflict((oc) => oc.column("message_id").doNothing())
    .execute();
}

/** Due publishes, oldest first: a channel's alerts are published in the order they were posted. */
export async function duePublishes(db: Kysely<Database>, now: number, limit: number): Promise<PendingPublish[]> {
  const rows = await db.selectFrom("discord_publish_backlog").selectAll().where("due_at", "<=", now).orderBy("id").limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    channelId: row.channel_id,
    messageId: row.message_id,
    storyId: row.story_id,
    dueAt: Number(row.due_at),
    attempts: row.attempts,
    createdAt: Number(row.created_at),
  }));
}

export async function finishPublish(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom("discord_publish_backlog").where("id", "=", id).execute();
}

/** The channel's limit is spent until `until`: nothing of it is tried before then. */
export async function postponeChannelPublishes(db: Kysely<Database>, channelId: string, until: number, error: string): Promise<void> {
  await db
    .updateTable("discord_publish_backlog")
    .set({ due_at: until, last_error: error })
    .where("channel_id", "=", channelId)
    .where("due_at", "<", until)
    .execute();
}

/** A publish that failed for another reason (5xx, network): counts an attempt. */
export async function retryPublishLater(db: Kysely<Database>, id: number, dueAt: number, error: string): Promise<void> {
  await db
    .updateTable("discord_publish_backlog")
    .set((eb) => ({ due_at: dueAt, last_error: error, attempts: eb("attempts", "+", 1) }))
    .where("id", "=", id)
    .execute();
}

/** The channel is gone: its waiting publishes can never happen. */
export async function dropChannelPublishes(db: Kysely<Database>, channelId: string): Promise<number> {
  const result = await db.deleteFrom("discord_publish_backlog").where("channel_id", "=", channelId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** What waits in one channel, or (without a channel) everywhere. */
export async function publishBacklog(db: Kysely<Database>, channelId?: string): Promise<PublishBacklog> {
  let query = db
    .selectFrom("discord_publish_backlog")
    .select([(eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.min("due_at").as("next")]);
  if (channelId !== undefined) query = query.where("channel_id", "=", channelId);
  const row = await query.executeTakeFirst();
  const count = Number(row?.n ?? 0);
  return { count, nextDueAt: count > 0 && row?.next !== null && row?.next !== undefined ? Number(row.next) : null };
}
