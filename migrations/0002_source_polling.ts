import type { Kysely } from "kysely";

// Polling state beyond 0001: whether the name came from the user (else the feed's title is taken
// on the first poll), and the interval the feed itself asks for (<ttl>, Cache-Control max-age).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sources").addColumn("named_by_user", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("sources").addColumn("feed_interval_seconds", "integer").execute();
  await db.schema.createIndex("sources_due").on("sources").columns(["kind", "paused", "next_poll_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("sources_due").execute();
  await db.schema.alterTable("sources").dropColumn("feed_interval_seconds").execute();
  await db.schema.alterTable("sources").dropColumn("named_by_user").execute();
}
