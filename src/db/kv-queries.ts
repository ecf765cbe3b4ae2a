import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

export async function getKv(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom("kv").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

export async function setKv(db: Kysely<Database>, key: string, value: string, now = Date.now()): Promise<void> {
  await db
    .insertInto("kv")
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now }))
    .execute();
}
