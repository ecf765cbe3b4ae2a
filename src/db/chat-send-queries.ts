import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

const CHUNK = 500;

/**
 * When each of the chats last got a message on `platform` (epoch ms), from any process: the
 * outbox is the record every dispatch worker shares, so a worker that claims a chat's next row
 * starts the chat's rate-limit bucket from the last send even when another worker made it.
 */
export async function lastSendByChat(db: Kysely<Database>, platform: string, chatIds: readonly string[]): Promise<Map<string, number>> {
  const last = new Map<string, number>();
  const unique = [...new Set(chatIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom("deliveries")
      .select(["chat_id", (eb) => eb.fn.max("sent_at").as("at")])
      .where("platform", "=", platform)
      .where("chat_id", "in", unique.slice(i, i + CHUNK))
      .where("sent_at", "is not", null)
      .groupBy("chat_id")
      .execute();
    for (const row of rows) if (row.at !== null) last.set(row.chat_id, Number(row.at));
  }
  return last;
}
