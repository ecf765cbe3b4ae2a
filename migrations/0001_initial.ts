import { sql, SqliteAdapter, type Kysely } from "kysely";

// Times are integer milliseconds since the epoch on both engines, so no dialect's date handling
// (SQLite has none, pg converts to local Date) can shift an alert time.
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const idType = sqlite ? "integer" : "bigserial";
  const ms = sqlite ? "integer" : "bigint";

  await db.schema
    .createTable("sources")
    .addColumn("id", idType, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("url", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("feed"))
    .addColumn("topics", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("breaking", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("every_seconds", "integer", (c) => c.notNull().defaultTo(300))
    .addColumn("etag", "text")
    .addColumn("last_modified", "text")
    .addColumn("body_hash", "text")
    .addColumn("primed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_polled_at", ms)
    .addColumn("last_success_at", ms)
    .addColumn("last_error", "text")
    .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_poll_at", ms, (c) => c.notNull().defaultTo(0))
    .addColumn("lease_until", ms)
    .addColumn("paused", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("stories")
    .addColumn("id", idType, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("source_id", "integer", (c) => c.references("sources.id").onDelete("set null"))
    .addColumn("source_name", "text", (c) => c.notNull())
    .addColumn("guid", "text")
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("canonical_url", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("section", "text")
    .addColumn("topics", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("published_at", ms, (c) => c.notNull())
    .addColumn("first_seen_at", ms, (c) => c.notNull())
    .addColumn("breaking", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("alertable", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("cluster_id", "integer")
    .addColumn("fingerprint", "text")
    .addColumn("search_title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("search_body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("search_source", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("search_section", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("search_topics", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("stories_source_guid").on("stories").columns(["source_id", "guid"]).execute();
  await db.schema.createIndex("stories_published_at").on("stories").column("published_at").execute();
  await db.schema.createIndex("stories_cluster_id").on("stories").column("cluster_id").execute();

  await db.schema
    .createTable("topics")
    .addColumn("slug", "text", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("query", "text", (c) => c.notNull())
    .addColumn("created_at", ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("story_topics")
    .addColumn("story_id", "integer", (c) => c.notNull().references("stories.id").onDelete("cascade"))
    .addColumn("topic_slug", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("story_topics_pk", ["story_id", "topic_slug"])
    .execute();
  await db.schema.createIndex("story_topics_topic").on("story_topics").columns(["topic_slug", "story_id"]).execute();

  await db.schema
    .createTable("subscriptions")
    .addColumn("id", idType, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("chat_id", "text", (c) => c.notNull())
    .addColumn("thread_id", "text")
    // "topic:<slug>" or "query:<text>": one column to keep a chat from following the same thing twice.
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("topic_slug", "text")
    .addColumn("query", "text")
    .addColumn("mode", "text", (c) => c.notNull().defaultTo("instant"))
    .addColumn("schedule", "text")
    .addColumn("timezone", "text", (c) => c.notNull().defaultTo("UTC"))
    .addColumn("muted_until", ms)
    .addColumn("created_by", "text")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("deactivated_reason", "text")
    .addColumn("created_at", ms, (c) => c.notNull())
    .addColumn("updated_at", ms, (c) => c.notNull())
    .addUniqueConstraint("subscriptions_chat_target", ["platform", "chat_id", "target"])
    .execute();
  await db.schema.createIndex("subscriptions_active").on("subscriptions").columns(["active", "platform"]).execute();

  await db.schema
    .createTable("deliveries")
    .addColumn("id", idType, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("story_id", "integer", (c) => c.notNull().references("stories.id").onDelete("cascade"))
    .addColumn("subscription_id", "integer", (c) => c.references("subscriptions.id").onDelete("set null"))
    .addColumn("cluster_id", "integer")
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("chat_id", "text", (c) => c.notNull())
    .addColumn("thread_id", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("priority", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", ms, (c) => c.notNull())
    .addColumn("lease_until", ms)
    // Claims of a lease that had expired: each one is a send that may have reached the chat before a crash.
    .addColumn("recovered_leases", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("platform_message_id", "text")
    .addColumn("created_at", ms, (c) => c.notNull())
    .addColumn("updated_at", ms, (c) => c.notNull())
    .addColumn("sent_at", ms)
    .addUniqueConstraint("deliveries_story_chat", ["story_id", "platform", "chat_id"])
    .execute();
  await db.schema.createIndex("deliveries_due").on("deliveries").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("deliveries_chat_cluster").on("deliveries").columns(["platform", "chat_id", "cluster_id"]).execute();

  await db.schema
    .createTable("kv")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", ms, (c) => c.notNull())
    .execute();

  if (sqlite) {
    // The FTS columns hold text our own normaliser already folded and stemmed, so the in-memory
    // matcher and FTS5 agree by construction; triggers keep it in step with `stories`.
    await sql`CREATE VIRTUAL TABLE stories_fts USING fts5(title, body, source, section, topics, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    await sql`CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
      INSERT INTO stories_fts(rowid, title, body, source, section, topics)
      VALUES (new.id, new.search_title, new.search_body, new.search_source, new.search_section, new.search_topics);
    END`.execute(db);
    await sql`CREATE TRIGGER stories_fts_update AFTER UPDATE OF search_title, search_body, search_source, search_section, search_topics ON stories BEGIN
      DELETE FROM stories_fts WHERE rowid = old.id;
      INSERT INTO stories_fts(rowid, title, body, source, section, topics)
      VALUES (new.id, new.search_title, new.search_body, new.search_source, new.search_section, new.search_topics);
    END`.execute(db);
    await sql`CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
      DELETE FROM stories_fts WHERE rowid = old.id;
    END`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) await sql`DROP TABLE IF EXISTS stories_fts`.execute(db);
  for (const table of ["kv", "deliveries", "subscriptions", "story_topics", "topics", "stories", "sources"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
