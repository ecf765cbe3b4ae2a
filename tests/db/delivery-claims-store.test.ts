// The outbox on both engines: one row per (story, chat), claims of the head of each chat's queue,
// leases that expire and come back, and several workers claiming at once without sending a row
// twice or a chat's rows out of order.
import { expect, it } from "vitest";
import { lastSendByChat } from "../../src/db/chat-send-queries.js";
import { claimDueDeliveries, enqueueDeliveries, getDelivery, markDeliverySent, releaseDeliveries, startSend, type NewDelivery } from "../../src/db/delivery-queries.js";
import { addStory } from "../delivery/outbox-helpers.js";
import { forEachEngine } from "../helpers/engines.js";

const T = 1_760_000_000_000;

function row(storyId: number, chatId: string, over: Partial<NewDelivery> = {}): NewDelivery {
  return { storyId, subscriptionId: null, clusterId: null, platform: "telegram", chatId, threadId: null, priority: 0, nextAttemptAt: T, ...over };
}

forEachEngine("delivery claims", (store) => {
  it("writes one row per story and chat, and claims only the head of each chat's queue", async () => {
    const { db } = store();
    const [a, b, c] = [await addStory(db), await addStory(db), await addStory(db)];
    expect(await enqueueDeliveries(db, [row(a.id, "1"), row(b.id, "1"), row(c.id, "1", { priority: 1 }), row(a.id, "2")], T)).toBe(4);
    expect(await enqueueDeliveries(db, [row(a.id, "1"), row(a.id, "2")], T)).toBe(0);
    const first = await claimDueDeliveries(db, { platforms: ["telegram"], limit: 10, leaseMs: 30_000, now: T });
    // Breaking (priority 1) goes first in chat 1; chat 2 has one row.
    expect(first.map((d) => `${d.chatId}:${d.storyId}`)).toEqual([`1:${c.id}`, `2:${a.id}`]);
    expect(first.every((d) => d.status === "sending" && typeof d.id === "number")).toBe(true);
    // Chat 1 has a row in flight: nothing more for it until that one is done.
    expect(await claimDueDeliveries(db, { platforms: ["telegram"], limit: 10, leaseMs: 30_000, now: T + 1 })).toEqual([]);
    await markDeliverySent(db, first[0]?.id ?? 0, "m1", T + 2);
    expect((await claimDueDeliveries(db, { platforms: ["telegram"], limit: 10, leaseMs: 30_000, now: T + 3 })).map((d) => d.storyId)).toEqual([a.id]);
  });

  it("reclaims an expired lease and counts a possible duplicate when its send had started", async () => {
    const { db } = store();
    const s = await addStory(db);
    await enqueueDeliveries(db, [row(s.id, "1")], T);
    const [claimed] = await claimDueDeliveries(db, { platforms: ["telegram"], limit: 1, leaseMs: 1000, now: T });
    expect(await startSend(db, claimed?.id ?? 0, claimed?.leaseUntil ?? 0, 1000, T + 10)).toBe(T + 1010);
    expect(await claimDueDeliveries(db, { platforms: ["telegram"], limit: 1, leaseMs: 1000, now: T + 500 })).toEqual([]);
    const [again] = await claimDueDeliveries(db, { platforms: ["telegram"], limit: 1, leaseMs: 1000, now: T + 2000 });
    expect(again).toMatchObject({ id: claimed?.id, recoveredLeases: 1, attempts: 1, status: "sending" });
    // The stalled first claim lost the row: its token no longer starts a send.
    expect(await startSend(db, claimed?.id ?? 0, claimed?.leaseUntil ?? 0, 1000, T + 2050)).toBeUndefined();
    await releaseDeliveries(db, [{ id: again?.id ?? 0, lease: again?.leaseUntil ?? 0 }], T + 5000, T + 2100);
    expect(await getDelivery(db, again?.id ?? 0)).toMatchObject({ status: "pending", nextAttemptAt: new Date(T + 5000) });
  });

  it("knows each chat's last send, whichever worker made it", async () => {
    const { db } = store();
    const [a, b] = [await addStory(db), await addStory(db)];
    await enqueueDeliveries(db, [row(a.id, "1"), row(b.id, "1"), row(a.id, "2")], T);
    const claimed = await claimDueDeliveries(db, { platforms: ["telegram"], limit: 10, leaseMs: 30_000, now: T });
    for (const [i, d] of claimed.entries()) await markDeliverySent(db, d.id, `m${i}`, T + 100 + i);
    const next = await claimDueDeliveries(db, { platforms: ["telegram"], limit: 10, leaseMs: 30_000, now: T + 200 });
    await markDeliverySent(db, next[0]?.id ?? 0, "m9", T + 250);
    expect(Object.fromEntries(await lastSendByChat(db, "telegram", ["1", "2", "3"]))).toEqual({ "1": T + 250, "2": T + 101 });
  });

  it("lets several workers claim at once: every row once, each chat's rows in order", async () => {
    const opened = store();
    const workers = [opened.db, await opened.reopen(), await opened.reopen(), await opened.reopen()];
    const stories: Array<{ id: number }> = [];
    for (let i = 0; i < 6; i++) stories.push(await addStory(opened.db));
    const chats = Array.from({ length: 25 }, (_, i) => String(i + 1));
    await enqueueDeliveries(opened.db, chats.flatMap((chatId) => stories.map((s) => row(s.id, chatId))), T);
    const claimedBy = new Map<number, number>();
    const sentOrder = new Map<string, number[]>();
    let idle = 0;
    await Promise.all(
      workers.map(async (db, w) => {
        for (let round = 0; round < 500 && idle < workers.length * 3; round++) {
          const rows = await claimDueDeliveries(db, { platforms: ["telegram"], limit: 7, leaseMs: 60_000, now: T + round });
          if (rows.length === 0) {
            idle++;
            await new Promise((r) => setTimeout(r, 5));
            continue;
          }
          idle = 0;
          for (const d of rows) {
            expect(claimedBy.has(d.id), `delivery ${d.id} claimed by workers ${claimedBy.get(d.id)} and ${w}`).toBe(false);
            claimedBy.set(d.id, w);
            sentOrder.set(d.chatId, [...(sentOrder.get(d.chatId) ?? []), d.storyId]);
            await markDeliverySent(db, d.id, `m${d.id}`, T + round);
          }
        }
      }),
    );
    expect(claimedBy.size).toBe(chats.length * stories.length);
    for (const chatId of chats) expect(sentOrder.get(chatId)).toEqual(stories.map((s) => s.id));
    // The work was shared (several workers claimed something).
    expect(new Set(claimedBy.values()).size).toBeGreaterThan(1);
  });
});
