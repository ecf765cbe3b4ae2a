import { sql, type ExpressionBuilder, type Kysely, type QueryCreator, type Selectable } from "kysely";
import { engineOf } from "./dialect.js";
import type { Database, DeliveriesTable } from "./schema.js";

export type DeliveryStatus = "pending" | "sending" | "sent" | "failed" | "dropped";

/** What an outbox row carries: a new alert, an in-place edit of one, or a chat's digest. */
export type DeliveryKind = "alert" | "edit" | "digest";

export interface Delivery {
  id: number;
  kind: DeliveryKind;
  storyId: number;
  subscriptionId: number | null;
  clusterId: number | null;
  /** For an edit: the alert delivery whose message it rewrites. */
  editOf: number | null;
  platform: string;
  chatId: string;
  threadId: string | null;
  status: DeliveryStatus;
  priority: number;
  /** Platform calls made for this row (a rate-limit answer gives its call back). */
  attempts: number;
  /** Reclaims of an expired lease whose send had started: each one a possible duplicate. */
  recoveredLeases: number;
  nextAttemptAt: Date;
  /** While claimed: when the claim lapses. The value is also the claim's token (see startSend). */
  leaseUntil: number | null;
  lastError: string | null;
  platformMessageId: string | null;
  sendStartedAt: Date | null;
  editedAt: Date | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface NewDelivery {
  kind?: DeliveryKind;
  storyId: number;
  subscriptionId: number | null;
  clusterId: number | null;
  editOf?: number | null;
  platform: string;
  chatId: string;
  threadId: string | null;
  /** Higher goes first: breaking stories jump the queue. */
  priority: number;
  nextAttemptAt: number;
}

const ms = (v: number | null) => (v === null ? null : new Date(Number(v)));

export function deliveryFromRow(row: Selectable<DeliveriesTable>): Delivery {
  return {
    id: Number(row.id),
    kind: row.kind as DeliveryKind,
    storyId: Number(row.story_id),
    subscriptionId: row.subscription_id === null ? null : Number(row.subscription_id),
    clusterId: row.cluster_id === null ? null : Number(row.cluster_id),
    editOf: row.edit_of === null ? null : Number(row.edit_of),
    platform: row.platform,
    chatId: row.chat_id,
    threadId: row.thread_id,
    status: row.status as DeliveryStatus,
    priority: row.priority,
    attempts: row.attempts,
    recoveredLeases: row.recovered_leases,
    nextAttemptAt: new Date(Number(row.next_attempt_at)),
    leaseUntil: row.lease_until === null ? null : Number(row.lease_until),
    lastError: row.last_error,
    platformMessageId: row.platform_message_id,
    sendStartedAt: ms(row.send_started_at),
    editedAt: ms(row.edited_at),
    createdAt: new Date(Number(row.created_at)),
    sentAt: ms(row.sent_at),
  };
}

// Chunked so one story fanned out to 100,000 chats stays under SQLite's bound-parameter limit.
const CHUNK = 500;
// Outbox inserts bind 12 values a row: 2,500 rows stay under SQLite's 32,766 (and pg's 65,535).
const INSERT_CHUNK = 2_500;

/** Writes outbox rows; one per (story, chat) — repeats are ignored. Returns how many were new. */
export async function enqueueDeliveries(db: Kysely<Database>, rows: NewDelivery[], now = Date.now()): Promise<number> {
  let added = 0;
  // Status, attempts and recovered_leases take their column defaults: fewer bound values per
  // row, so one statement carries more rows and a fan-out to 100,000 chats stays within seconds.
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const result = await db
      .insertInto("deliveries")
      .values(
        chunk.map((r) => ({
          kind: r.kind ?? "alert",
          story_id: r.storyId,
          subscription_id: r.subscriptionId,
          cluster_id: r.clusterId,
          edit_of: r.editOf ?? null,
          platform: r.platform,
          chat_id: r.chatId,
          thread_id: r.threadId,
          priority: r.priority,
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

/** A chat's alert or edit row for a cluster, as the watcher needs it to decide on an edit. */
export interface ClusterDelivery {
  id: number;
  kind: DeliveryKind;
  chatId: string;
  status: DeliveryStatus;
  editOf: number | null;
  platformMessageId: string | null;
  editedAt: number | null;
  sentAt: number | null;
}

/** Alert and edit rows of `clusterId` for the given chats (dropped and failed ones included). */
export async function clusterDeliveriesForChats(db: Kysely<Database>, platform: string, clusterId: number, chatIds: string[]): Promise<ClusterDelivery[]> {
  const out: ClusterDelivery[] = [];
  for (let i = 0; i < chatIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom("deliveries")
      .select(["id", "kind", "chat_id", "status", "edit_of", "platform_message_id", "edited_at", "sent_at"])
      .where("platform", "=", platform)
      .where("chat_id", "in", chatIds.slice(i, i + CHUNK))
      .where("cluster_id", "=", clusterId)
      .where("kind", "in", ["alert", "edit"])
      .execute();
    for (const r of rows) {
      out.push({
        id: Number(r.id),
        kind: r.kind as DeliveryKind,
        chatId: r.chat_id,
        status: r.status as DeliveryStatus,
        editOf: r.edit_of === null ? null : Number(r.edit_of),
        platformMessageId: r.platform_message_id,
        editedAt: r.edited_at === null ? null : Number(r.edited_at),
        sentAt: r.sent_at === null ? null : Number(r.sent_at),
      });
    }
  }
  return out;
}

type DeliveryRef = ExpressionBuilder<Database & { d: DeliveriesTable; o: DeliveriesTable }, "d" | "o">;

/** Row `o` is claimable at `now`: pending and due, or leased by a process that stopped renewing. */
function isDue(eb: DeliveryRef, now: number) {
  return eb.or([
    eb.and([eb("o.status", "=", "pending"), eb("o.next_attempt_at", "<=", now)]),
    eb.and([eb("o.status", "=", "sending"), eb("o.lease_until", "<", now)]),
  ]);
}

/**
 * Leases due deliveries of the given platforms, at most one per chat: the head of each chat's
 * queue (breaking first, then oldest), and none for a chat whose earlier row is still being sent
 * by any process, so one chat's messages go out in order even across processes. Rows whose lease
 * expired (their process died) are reclaimed too; when that process had started the send, the
 * reclaim is counted in `recovered_leases` as a possible duplicate.
 */
export async function claimDueDeliveries(db: Kysely<Database>, opts: { platforms: string[]; limit: number; leaseMs: number; now?: number }): Promise<Delivery[]> {
  const now = opts.now ?? Date.now();
  if (opts.platforms.length === 0 || opts.limit <= 0) return [];
  const heads = (q: QueryCreator<Database>) =>
    q
      .selectFrom("deliveries as d")
      .select("d.id")
      .where("d.platform", "in", opts.platforms)
      .where("d.status", "=", "pending")
      .where("d.next_attempt_at", "<=", now)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("deliveries as o")
              .select("o.id")
              .whereRef("o.platform", "=", "d.platform")
              .whereRef("o.chat_id", "=", "d.chat_id")
              .whereRef("o.id", "!=", "d.id")
              .where((o) =>
                o.or([
                  // Another row of the chat is in flight somewhere.
                  o.and([o("o.status", "=", "sending"), o("o.lease_until", ">=", now)]),
                  // Another due row of the chat comes first.
                  o.and([
                    isDue(o, now),
                    o.or([o("o.priority", ">", o.ref("d.priority")), o.and([o("o.priority", "=", o.ref("d.priority")), o("o.id", "<", o.ref("d.id"))])]),
                  ]),
                ]),
              ),
          ),
        ),
      )
      .orderBy("d.priority", "desc")
      .orderBy("d.id")
      .limit(opts.limit);
  const claim = {
    status: "sending",
    lease_until: now + opts.leaseMs,
    // Every SET expression reads the row as it was: status and send_started_at before this claim.
    recovered_leases: sql<number>`recovered_leases + (case when status = 'sending' and send_started_at is not null then 1 else 0 end)`,
    send_started_at: null,
    updated_at: now,
  } as const;
  // An expired lease is reclaimed by whichever claim updates it first; PostgreSQL re-checks the
  // lease of a row another worker updated meanwhile, so the second claim leaves it alone.
  const expired = (w: ExpressionBuilder<Database, "deliveries">) => w.and([w("status", "=", "sending"), w("lease_until", "<", now)]);
  const rows =
    engineOf(db) === "postgres"
      ? // Workers claim at the same time here: the heads are locked with SKIP LOCKED in a CTE (run
        // once), so a worker passes over rows another is claiming instead of waiting and sending them too.
        await db
          .with("heads", (q) => heads(q).forUpdate().skipLocked())
          .updateTable("deliveries")
          .set(claim)
          .where("platform", "in", opts.platforms)
          .where((w) => w.or([expired(w), w("id", "in", w.selectFrom("heads").select("heads.id"))]))
          .returningAll()
          .execute()
      : await db
          .updateTable("deliveries")
          .set(claim)
          .where("platform", "in", opts.platforms)
          .where((w) => w.or([expired(w), w("id", "in", heads(db))]))
          .returningAll()
          .execute();
  return rows.map(deliveryFromRow).sort((a, b) => b.priority - a.priority || a.id - b.id);
}

/**
 * Marks the send as started and renews the lease, right before the platform call: after a crash
 * this tells a possible duplicate (started) from a claim that never reached the platform.
 * `lease` is the claim's token (its lease_until as the claimer last set it): when another process
 * took the row over after this one stalled past its lease, nothing is written and undefined comes
 * back — do not send. Returns the new token.
 */
export async function startSend(db: Kysely<Database>, id: number, lease: number, leaseMs: number, now = Date.now()): Promise<number | undefined> {
  const renewed = now + leaseMs;
  const row = await db
    .updateTable("deliveries")
    .set({ send_started_at: now, lease_until: renewed, attempts: sql<number>`attempts + 1`, updated_at: now })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .where("lease_until", "=", lease)
    .returning("id")
    .executeTakeFirst();
  return row ? renewed : undefined;
}

/** Extends claims this process still holds (token `lease`) to `renewed`; returns the ids it still holds. */
export async function renewLeases(db: Kysely<Database>, ids: number[], lease: number, renewed: number, now = Date.now()): Promise<number[]> {
  const kept: number[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .updateTable("deliveries")
      .set({ lease_until: renewed, updated_at: now })
      .where("id", "in", ids.slice(i, i + CHUNK))
      .where("status", "=", "sending")
      .where("lease_until", "=", lease)
      .returning("id")
      .execute();
    for (const r of rows) kept.push(Number(r.id));
  }
  return kept;
}

export async function markDeliverySent(db: Kysely<Database>, id: number, messageId: string, now = Date.now()): Promise<void> {
  await db
    .updateTable("deliveries")
    .set({ status: "sent", platform_message_id: messageId, sent_at: now, lease_until: null, last_error: null, updated_at: now })
    .where("id", "=", id)
    .execute();
}

/** An edit went through: the edit row is done and the alert it rewrote remembers when. */
export async function markEditSent(db: Kysely<Database>, editId: number, originalId: number, messageId: string, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await markDeliverySent(trx, editId, messageId, now);
    await trx.updateTable("deliveries").set({ edited_at: now, updated_at: now }).where("id", "=", originalId).execute();
  });
}

/** Back to pending at `at`. `countAttempt: false` gives back the attempt `startSend` counted (a rate-limit answer). */
export async function rescheduleDelivery(db: Kysely<Database>, id: number, at: number, error: string, opts: { countAttempt: boolean }, now = Date.now()): Promise<void> {
  await db
    .updateTable("deliveries")
    .set({
      status: "pending",
      next_attempt_at: at,
      lease_until: null,
      send_started_at: null,
      last_error: error,
      updated_at: now,
      ...(opts.countAttempt ? {} : { attempts: sql<number>`case when attempts > 0 then attempts - 1 else 0 end` }),
    })
    .where("id", "=", id)
    .execute();
}

/**
 * Claimed rows this process will not send after all (shutdown, a long wait): pending again,
 * untouched otherwise. Given as `{id, lease}`, only claims still this process's are released.
 */
export async function releaseDeliveries(db: Kysely<Database>, claims: ReadonlyArray<number | { id: number; lease: number }>, at: number, now = Date.now()): Promise<void> {
  const byLease = new Map<number | null, number[]>();
  for (const c of claims) {
    const [id, lease] = typeof c === "number" ? [c, null] : [c.id, c.lease];
    byLease.set(lease, [...(byLease.get(lease) ?? []), id]);
  }
  for (const [lease, ids] of byLease) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      let query = db
        .updateTable("deliveries")
        .set({ status: "pending", next_attempt_at: at, lease_until: null, send_started_at: null, updated_at: now })
        .where("id", "in", ids.slice(i, i + CHUNK))
        .where("status", "=", "sending");
      // A row another process took over is its business now.
      if (lease !== null) query = query.where("lease_until", "=", lease);
      await query.execute();
    }
  }
}

/**
 * Holds a whole chat until `until` (a 429 for it, a long local rate-limit wait): `id` goes back
 * to pending then, and every other pending row of the chat waits at least as long, so the chat's
 * messages keep their order when they become due together.
 */
export async function deferChat(db: Kysely<Database>, id: number, chat: { platform: string; chatId: string }, until: number, error: string, opts: { countAttempt: boolean }, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await rescheduleDelivery(trx, id, until, error, opts, now);
    await trx
      .updateTable("deliveries")
      .set({ next_attempt_at: sql<number>`case when next_attempt_at < ${until} then ${until} else next_attempt_at end`, updated_at: now })
      .where("platform", "=", chat.platform)
      .where("chat_id", "=", chat.chatId)
      .where("status", "=", "pending")
      .where("next_attempt_at", "<", until)
      .execute();
  });
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

/** /mute: alerts still waiting for the chat are not sent later either (digests and edits stay). */
export async function dropQueuedAlertsForChat(db: Kysely<Database>, chat: { platform: string; chatId: string }, reason: string, now = Date.now()): Promise<number> {
  const result = await db
    .updateTable("deliveries")
    .set({ status: "dropped", last_error: reason, updated_at: now })
    .where("platform", "=", chat.platform)
    .where("chat_id", "=", chat.chatId)
    .where("kind", "=", "alert")
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function getDelivery(db: Kysely<Database>, id: number): Promise<Delivery | undefined> {
  const row = await db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? deliveryFromRow(row) : undefined;
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

/** Possible duplicates on record: reclaims of a lease whose send had started. */
export async function recoveredLeaseTotal(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("deliveries")
    .select((eb) => eb.fn.sum<number>("recovered_leases").as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
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
