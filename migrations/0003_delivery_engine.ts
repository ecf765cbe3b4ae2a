import { SqliteAdapter, type Kysely } from "kysely";

// The delivery engine: edits and digests travel through the same outbox as alerts (so they share
// its lease, rate limits and retry rules), per-chat settings hold mute, quiet hours and digest
// times, and digest_items collect what a chat will read in its next digest.
async function build(db: Kysely<any>, sqlite: boolean): Promise<void> {
  const idType = sqlite ? "integer" : "bigserial";
  const ms = sqlite ? "integer" : "bigint";

  // "alert" (one story), "edit" (re-render the alert `edit_of` in place), "digest" (the
  // digest_items pointing at this row; story_id is then one of its stories, to satisfy NOT NULL).
  await db.schema.alterTable("deliveries").addColumn("kind", "text", (c) => c.notNull().defaultTo("alert")).execute();
  await db.schema.alterTable("deliveries").addColumn("edit_of", "integer").execute();
  // Set just before the platform call: a lease that expires with it set may have been sent.
  await db.schema.alterTable("deliveries").addColumn("send_started_at", ms).execute();
  // On a sent alert: its last edit in place, for the once-a-minute limit.
  await db.schema.alterTable("deliveries").addColumn("edited_at", ms).execute();
  // The claim walks due rows of one platform in priority order and stops at its limit.
  await db.schema.createIndex("deliveries_claim").on("deliveries").columns(["platform", "status", "priority desc", "id"]).execute();
  // Partial: only edits have it, and every index row costs a 100,000-chat fan-out time.
  await db.schema.createIndex("deliveries_edit_of").on("deliveries").column("edit_of").where("edit_of", "is not", null).execute();

  await db.schema
    .createTable("chat_settings")
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("chat_id", "text", (c) => c.notNull())
    .addColumn("timezone", "text")
    // "08:00,18:00": local times of the chat's digest; null = no digest schedule.
    .addColumn("digest_times", "text")
    // When the schedule was set: the first digest covers what came after it.
    .addColumn("digest_since", ms)
    // The scheduled slot the last digest was made for (not when it was sent).
    .addColumn("last_digest_at", ms)
    .addColumn("quiet_start", "text")
    .addColumn("quiet_end", "text")
    .addColumn("quiet_breaking", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("muted_until", ms)
    .addColumn("updated_at", ms, (c) => c.notNull())
    .addPrimaryKeyConstraint("chat_settings_pk", ["platform", "chat_id"])
    .execute();

  await db.schema
    .createTable("digest_items")
    .addColumn("id", idType, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("chat_id", "text", (c) => c.notNull())
    .addColumn("story_id", "integer", (c) => c.notNull().references("stories.id").onDelete("cascade"))
    // What the chat follows that matched: a topic slug or a quoted query; digests group by it.
    .addColumn("topic", "text", (c) => c.notNull())
    // "digest" (digest-mode subscription) or "quiet" (held back during quiet hours).
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", ms, (c) => c.notNull())
    // The outbox row that carries this item; null until a digest is made.
    .addColumn("digest_delivery_id", "integer")
    .addUniqueConstraint("digest_items_chat_story", ["platform", "chat_id", "story_id"])
    .execute();
  await db.schema.createIndex("digest_items_open").on("digest_items").columns(["digest_delivery_id", "platform", "chat_id"]).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  // Kysely runs SQLite migrations outside a transaction (pg's are inside one already): wrap this
  // one so a failure half-way cannot leave columns behind that a retry would trip over.
  if (sqlite) await db.transaction().execute((trx) => build(trx, sqlite));
  else await build(db, sqlite);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("digest_items").ifExists().execute();
  await db.schema.dropTable("chat_settings").ifExists().execute();
  await db.schema.dropIndex("deliveries_edit_of").ifExists().execute();
  await db.schema.dropIndex("deliveries_claim").ifExists().execute();
  for (const column of ["edited_at", "send_started_at", "edit_of", "kind"]) {
    await db.schema.alterTable("deliveries").dropColumn(column).execute();
  }
}
