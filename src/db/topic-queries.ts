import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

export interface CustomTopicRow {
  slug: string;
  label: string;
  query: string;
}

export async function customTopics(db: Kysely<Database>): Promise<CustomTopicRow[]> {
  return db.selectFrom("topics").select(["slug", "label", "query"]).orderBy("slug").execute();
}

export async function upsertCustomTopic(db: Kysely<Database>, topic: CustomTopicRow, now = Date.now()): Promise<"created" | "updated"> {
  const existing = await db.selectFrom("topics").select("slug").where("slug", "=", topic.slug).executeTakeFirst();
  await db
    .insertInto("topics")
    .values({ ...topic, created_at: now })
    .onConflict((oc) => oc.column("slug").doUpdateSet({ label: topic.label, query: topic.query }))
    .execute();
  return existing ? "updated" : "created";
}

export async function removeCustomTopic(db: Kysely<Database>, slug: string): Promise<boolean> {
  const result = await db.deleteFrom("topics").where("slug", "=", slug).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
