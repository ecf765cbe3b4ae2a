// A Telegram group that became a supergroup, on both engines: its subscriptions, unsent
// deliveries, settings and open digest items move to the new id; what the new id has wins.
import { expect, it } from "vitest";
import { moveChat } from "../../src/db/chat-migration-queries.js";
import { getChatSettings, updateChatSettings } from "../../src/db/chat-settings-queries.js";
import { addDigestItems } from "../../src/db/digest-queries.js";
import { enqueueDeliveries, listDeliveries } from "../../src/db/delivery-queries.js";
import { allSubscriptions, subscribe } from "../../src/db/subscription-queries.js";
import { addStory } from "../delivery/outbox-helpers.js";
import { forEachEngine } from "../helpers/engines.js";

forEachEngine("chat moves", (store) => {
  it("moves a chat's subscriptions, unsent deliveries, settings and digest items to its new id", async () => {
    const { db } = store();
    const [s1, s2, s3] = [await addStory(db), await addStory(db), await addStory(db)];
    await subscribe(db, { platform: "telegram", chatId: "-1", target: { topic: "world" }, mode: "instant", timezone: "UTC" });
    await subscribe(db, { platform: "telegram", chatId: "-1", target: { topic: "europe" }, mode: "instant", timezone: "UTC" });
    await subscribe(db, { platform: "telegram", chatId: "-1002", target: { topic: "europe" }, mode: "instant", timezone: "UTC" });
    const row = (storyId: number, chatId: string) => ({ storyId, subscriptionId: null, clusterId: null, platform: "telegram", chatId, threadId: null, priority: 0, nextAttemptAt: 0 });
    await enqueueDeliveries(db, [row(s1.id, "-1"), row(s2.id, "-1"), row(s2.id, "-1002")]);
    await updateChatSettings(db, { platform: "telegram", chatId: "-1" }, { timezone: "Europe/Paris" });
    await addDigestItems(db, [{ platform: "telegram", chatId: "-1", storyId: s3.id, topic: "world", reason: "digest" }]);

    expect(await moveChat(db, "telegram", "-1", "-1002")).toEqual({ subscriptions: 1, deliveries: 1 });

    const subs = await allSubscriptions(db, { activeOnly: true });
    expect(subs.map((s) => `${s.chatId}:${s.topicSlug}`).sort()).toEqual(["-1002:europe", "-1002:world"]);
    const deliveries = await listDeliveries(db, {});
    expect(deliveries.map((d) => `${d.storyId}:${d.chatId}:${d.status}`).sort()).toEqual(
      [`${s1.id}:-1002:pending`, `${s2.id}:-1:dropped`, `${s2.id}:-1002:pending`].sort(),
    );
    expect((await getChatSettings(db, { platform: "telegram", chatId: "-1002" }))?.timezone).toBe("Europe/Paris");
    expect((await db.selectFrom("digest_items").select("chat_id").execute()).map((r) => r.chat_id)).toEqual(["-1002"]);
  });
});
