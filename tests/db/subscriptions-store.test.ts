// Subscriptions on both engines: one per chat and target, reactivation, the version the watcher
// caches its matcher by, mutes, and a gone chat.
import { expect, it } from "vitest";
import { allSubscriptions, chatSubscriptions, deactivateChat, muteChat, subscribe, subscriptionsVersion, unsubscribe } from "../../src/db/subscription-queries.js";
import { forEachEngine } from "../helpers/engines.js";

const chat = { platform: "telegram", chatId: "-100123" };

forEachEngine("subscriptions", (store) => {
  it("keeps one subscription per chat and target, and reactivates it on a second subscribe", async () => {
    const { db } = store();
    const created = await subscribe(db, { ...chat, target: { topic: "world" }, mode: "instant", timezone: "UTC" }, 1000);
    expect(created.status).toBe("created");
    expect(typeof created.subscription.id).toBe("number");
    expect((await subscribe(db, { ...chat, target: { topic: "world" }, mode: "instant", timezone: "UTC" }, 2000)).status).toBe("unchanged");
    expect((await subscribe(db, { ...chat, target: { query: '"climate change" -sport' }, mode: "breaking", timezone: "Europe/Berlin" }, 3000)).status).toBe("created");
    expect(await unsubscribe(db, chat, { topic: "world" }, 4000)).toBe(1);
    expect((await chatSubscriptions(db, chat)).map((s) => s.query)).toEqual(['"climate change" -sport']);
    const again = await subscribe(db, { ...chat, target: { topic: "world" }, mode: "digest", schedule: "08:00", timezone: "UTC" }, 5000);
    expect(again).toMatchObject({ status: "updated", subscription: { id: created.subscription.id, mode: "digest", schedule: "08:00", active: true } });
  });

  it("changes its version whenever a subscription is added or changed", async () => {
    const { db } = store();
    const v0 = await subscriptionsVersion(db);
    await subscribe(db, { ...chat, target: { topic: "world" }, mode: "instant", timezone: "UTC" }, 1000);
    const v1 = await subscriptionsVersion(db);
    await muteChat(db, chat, new Date(9_000), 2000);
    const v2 = await subscriptionsVersion(db);
    expect(new Set([v0, v1, v2]).size).toBe(3);
    expect(v2).toBe("1:2000:1");
    expect((await chatSubscriptions(db, chat))[0]?.mutedUntil).toEqual(new Date(9_000));
  });

  it("deactivates every subscription of a gone chat and lists inactive ones on request", async () => {
    const { db } = store();
    await subscribe(db, { ...chat, target: { topic: "world" }, mode: "instant", timezone: "UTC" });
    await subscribe(db, { ...chat, target: { topic: "europe" }, mode: "instant", timezone: "UTC" });
    await subscribe(db, { platform: "discord", chatId: "555", target: { topic: "world" }, mode: "instant", timezone: "UTC" });
    expect(await deactivateChat(db, chat, "bot was kicked")).toBe(2);
    expect((await allSubscriptions(db, { activeOnly: true })).map((s) => s.platform)).toEqual(["discord"]);
    expect((await allSubscriptions(db, { activeOnly: false })).length).toBe(3);
  });
});
