import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/**
 * A Telegram group upgraded to a supergroup gets a new id: move its subscriptions and unsent
 * deliveries there. Rows the new chat already has win; the old duplicates are retired.
 */
export async function moveChat(db: Kysely<Database>, platform: string, fromChatId: string, toChatId: string, now = Date.now()): Promise<{ subscriptions: number; deliveries: number }> {
  return db.transaction().execute(async (trx) => {
    let subscriptions = 0;
    const subs = await trx.selectFrom("subscriptions").select(["id", "target"]).where("platform", "=", platform).where("chat_id", "=", fromChatId).execute();
    for (const sub of subs) {
      const clash = await trx.selectFrom("subscriptions").select("id").where("platform", "=", platform).where("chat_id", "=", toChatId).where("target", "=", sub.target).executeTakeFirst();
      if (clash) {
        await trx.updateTable("subscriptions").set({ active: 0, deactivated_reason: `chat moved to ${toChatId}`, updated_at: now }).where("id", "=", sub.id).execute();
      } else {
        await trx.updateTable("subscriptions").set({ chat_id: toChatId, updated_at: now }).where("id", "=", sub.id).execute();
        subscriptions++;
      }
    }
    let deliveries = 0;
    const pending = await trx
      .selectFrom("deliveries")
      .select(["id", "story_id"])
      .where("platform", "=", platform)
      .where("chat_id", "=", fromChatId)
      .where("status", "in", ["pending", "sending"])
      .execute();
    for (const d of pending) {
      const clash = await trx.selectFrom("deliveries").select("id").where("platform", "=", platform).where("chat_id", "=", toChatId).where("story_id", "=", d.story_id).executeTakeFirst();
      if (clash) {
        await trx.updateTable("deliveries").set({ status: "dropped", last_error: `chat moved to ${toChatId}`, lease_until: null, updated_at: now }).where("id", "=", d.id).execute();
      } else {
        await trx.updateTable("deliveries").set({ chat_id: toChatId, status: "pending", lease_until: null, next_attempt_at: now, updated_at: now }).where("id", "=", d.id).execute();
        deliveries++;
      }
    }
    return { subscriptions, deliveries };
  });
}
