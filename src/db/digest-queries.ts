import type { Kysely } from "kysely";
import { updateChatSettings } from "./chat-settings-queries.js";
import type { Database } from "./schema.js";

type Chat = { platform: string; chatId: string };

export type DigestReason = "digest" | "quiet";

export interface NewDigestItem {
  platform: string;
  chatId: string;
  storyId: number;
  /** Topic slug or quoted query the chat follows; the digest groups by it. */
  topic: string;
  reason: DigestReason;
}

/** A digest item with the story fields a digest shows. */
export interface DigestEntry {
  itemId: number;
  storyId: number;
  topic: string;
  reason: DigestReason;
  createdAt: number;
  title: string;
  url: string;
  source: string;
  publishedAt: Date;
  breaking: boolean;
  clusterId: number | null;
}

const CHUNK = 500;

/** Files stories for chats' next digests; a story already filed for a chat is ignored. */
export async function addDigestItems(db: Kysely<Database>, items: NewDigestItem[], now = Date.now()): Promise<number> {
  let added = 0;
  for (let i = 0; i < items.length; i += CHUNK) {
    const result = await db
      .insertInto("digest_items")
      .values(items.slice(i, i + CHUNK).map((it) => ({ platform: it.platform, chat_id: it.chatId, story_id: it.storyId, topic: it.topic, reason: it.reason, created_at: now })))
      .onConflict((oc) => oc.columns(["platform", "chat_id", "story_id"]).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** Chats with items no digest has taken yet, with the oldest item's time. */
export async function chatsWithOpenDigestItems(db: Kysely<Database>): Promise<Array<Chat & { oldestAt: number }>> {
  const rows = await db
    .selectFrom("digest_items")
    .select(["platform", "chat_id", (eb) => eb.fn.min("created_at").as("oldest")])
    .where("digest_delivery_id", "is", null)
    .groupBy(["platform", "chat_id"])
    .execute();
  return rows.map((r) => ({ platform: r.platform, chatId: r.chat_id, oldestAt: Number(r.oldest) }));
}

function entryQuery(db: Kysely<Database>) {
  return db
    .selectFrom("digest_items as i")
    .innerJoin("stories as s", "s.id", "i.story_id")
    .select([
      "i.id as itemId",
      "i.story_id as storyId",
      "i.topic",
      "i.reason",
      "i.created_at as createdAt",
      "s.title",
      "s.url",
      "s.source_name as source",
      "s.published_at as publishedAt",
      "s.breaking",
      "s.cluster_id as clusterId",
    ]);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entryQuery>["execute"]>>[number];

function entryFromRow(r: EntryRow): DigestEntry {
  return {
    itemId: Number(r.itemId),
    storyId: Number(r.storyId),
    topic: r.topic,
    reason: r.reason as DigestReason,
    createdAt: Number(r.createdAt),
    title: r.title,
    url: r.url,
    source: r.source,
    publishedAt: new Date(Number(r.publishedAt)),
    breaking: r.breaking === 1,
    clusterId: r.clusterId === null ? null : Number(r.clusterId),
  };
}

export async function openDigestEntries(db: Kysely<Database>, chat: Chat): Promise<DigestEntry[]> {
  const rows = await entryQuery(db).where("i.platform", "=", chat.platform).where("i.chat_id", "=", chat.chatId).where("i.digest_delivery_id", "is", null).orderBy("i.id").execute();
  return rows.map(entryFromRow);
}

export async function digestEntriesForDelivery(db: Kysely<Database>, deliveryId: number): Promise<DigestEntry[]> {
  const rows = await entryQuery(db).where("i.digest_delivery_id", "=", deliveryId).orderBy("i.id").execute();
  return rows.map(entryFromRow);
}

/** Distinct sources per cluster: how widely a story was carried, for ranking a digest. */
export async function clusterSourceCounts(db: Kysely<Database>, clusterIds: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (let i = 0; i < clusterIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom("stories")
      .select(["cluster_id", (eb) => eb.fn.count<number>("source_name").distinct().as("n")])
      .where("cluster_id", "in", clusterIds.slice(i, i + CHUNK))
      .groupBy("cluster_id")
      .execute();
    for (const r of rows) if (r.cluster_id !== null) counts.set(Number(r.cluster_id), Number(r.n));
  }
  return counts;
}

/**
 * Turns a chat's open items into one digest outbox row, in one transaction with the slot it was
 * made for: a crash leaves either no digest and the slot still due, or both.
 * The row's story_id is one of the digest's stories (the column is NOT NULL); the watcher never
 * files a story for a chat's digest and its instant alerts both, so (story, chat) stays unique.
 * Undefined when no story was free (then the items stay open for the next slot).
 */
export async function createDigestDelivery(
  db: Kysely<Database>,
  d: Chat & { threadId: string | null; storyIds: number[]; itemIds: number[]; slotAt: number },
  now = Date.now(),
): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    await updateChatSettings(trx, d, { lastDigestAt: d.slotAt }, now);
    let id: number | undefined;
    // The first story is free unless a stray alert row holds it; then the next one serves.
    for (const storyId of d.storyIds) {
      const row = await trx
        .insertInto("deliveries")
        .values({ kind: "digest", story_id: storyId, subscription_id: null, cluster_id: null, platform: d.platform, chat_id: d.chatId, thread_id: d.threadId, status: "pending", priority: 0, attempts: 0, recovered_leases: 0, next_attempt_at: now, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(["story_id", "platform", "chat_id"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (row) {
        id = Number(row.id);
        break;
      }
    }
    if (id === undefined) return undefined;
    for (let i = 0; i < d.itemIds.length; i += CHUNK) {
      await trx.updateTable("digest_items").set({ digest_delivery_id: id }).where("id", "in", d.itemIds.slice(i, i + CHUNK)).execute();
    }
    return id;
  });
}

/** A gone chat will read no digest: its open items go. Returns how many. */
export async function deleteOpenDigestItems(db: Kysely<Database>, chat: Chat): Promise<number> {
  const result = await db.deleteFrom("digest_items").where("platform", "=", chat.platform).where("chat_id", "=", chat.chatId).where("digest_delivery_id", "is", null).executeTakeFirst();
  return Number(result.numDeletedRows);
}
