import type { Kysely } from "kysely";
import { bumpChatSettingsRevision } from "./chat-settings-queries.js";
import type { Database } from "./schema.js";

/**
 * A Telegram group upgraded to a supergroup gets a new id: move its subscriptions, unsent
 * deliveries, settings and open digest items there. Rows the new chat already has win; the old
 * duplicates are retired. Sent deliveries stay with the old id: their message ids belong to it.
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
    // Settings follow the chat unless the new id has its own already.
    const hasSettings = await trx.selectFrom("chat_settings").select("chat_id").where("platform", "=", platform).where("chat_id", "=", toChatId).executeTakeFirst();
    if (hasSettings) await trx.deleteFrom("chat_settings").where("platform", "=", platform).where("chat_id", "=", fromChatId).execute();
    else await trx.updateTable("chat_settings").set({ chat_id: toChatId, updated_at: now }).where("platform", "=", platform).where("chat_id", "=", fromChatId).execute();
    await bumpChatSettingsRevision(trx, now);
    // Stories waiting for the next digest go along; one the new id has already is not filed twice.
    const items = await trx.selectFrom("digest_items").select(["id", "story_id"]).where("platform", "=", platform).where("chat_id", "=", fromChatId).where("digest_delivery_id", "is", null).execute();
    for (const item of items) {
      const clash = await trx.selectFrom("digest_items").select("id").where("platform", "=", platform).where("chat_id", "=", toChatId).where("story_id", "=", item.story_id).executeTakeFirst();
      if (clash) await trx.deleteFrom("digest_items").where("id", "=", item.id).execute();
      else await trx.updateTable("digest_items").set({ chat_id: toChatId }).where("id", "=", item.id).execute();
    }
    return { subscriptions, deliveries };
  });
}
