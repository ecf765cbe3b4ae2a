import { SqliteAdapter, type Kysely } from "kysely";

// Alerts posted in a Discord announcement channel whose publish (crosspost) hit Discord's limit
// of 10 an hour per channel. The message is already in the channel; only the publish waits, and
// it must survive a restart, or servers following the channel would silently miss the alert.
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const idType = sqlite ? "integer" : "bigserial";
  const ms = sqlite ? "integer" : "bigint";

  await db.schema
    .createTable("discord_publish_backlog")
    .addColumn("id", idType, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("story_id", "integer")
    .addColumn("due_at", ms, (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("created_at", ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("discord_publish_backlog_due").on("discord_publish_backlog").column("due_at").execute();
  await db.schema.createIndex("discord_publish_backlog_channel").on("discord_publish_backlog").columns(["channel_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("discord_publish_backlog").ifExists().execute();
}
