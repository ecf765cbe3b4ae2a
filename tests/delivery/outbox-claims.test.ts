// The outbox under the dispatcher: priority order, one chat's messages in order even with two
// dispatchers on one database, and what a crash leaves on record.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { claimDueDeliveries, listDeliveries, recoveredLeaseTotal, startSend } from "../../src/db/delivery-queries.js";
import { openSqlite } from "../../src/db/open-database.js";
import { createDispatcher } from "../../src/delivery/dispatcher.js";
import { createLogger } from "../../src/logger.js";
import { createWatcher } from "../../src/stories/watcher.js";
import { createTempDatabase, type TempDatabase } from "../helpers/temp-db.js";
import { addStory, follow, recordingLogger, scriptedChannel } from "./outbox-helpers.js";

let temp: TempDatabase;
beforeEach(async () => {
  temp = await createTempDatabase();
});
afterEach(() => temp.cleanup());

const quiet = createLogger({ level: "silent", secrets: [] });

describe("claiming", () => {
  it("sends breaking stories first, then oldest first", async () => {
    await follow(temp.db, "test", "a");
    await follow(temp.db, "test", "b");
    const s1 = await addStory(temp.db, { title: "old" });
    const s2 = await addStory(temp.db, { title: "newer" });
    const s3 = await addStory(temp.db, { title: "breaking", breaking: true });
    await createWatcher({ db: temp.db, logger: quiet }).runOnce();
    const channel = scriptedChannel();
    await createDispatcher({ db: temp.db, channels: [channel], logger: quiet, defaultTimezone: "UTC", concurrency: 1 }).drain();
    expect(channel.calls.map((c) => `${c.storyId}${c.chatId}`)).toEqual([s3, s3, s1, s1, s2, s2].map((id, i) => `${id.id}${i % 2 === 0 ? "a" : "b"}`));
  });

  it("claims one row per chat at a time, so a chat's messages keep their order", async () => {
    await follow(temp.db, "test", "a");
    for (let i = 0; i < 5; i++) await addStory(temp.db);
    await createWatcher({ db: temp.db, logger: quiet }).runOnce();
    const first = await claimDueDeliveries(temp.db, { platforms: ["test"], limit: 10, leaseMs: 30_000 });
    expect(first).toHaveLength(1);
    // While that row is in flight, nothing else of the chat is handed out, to anyone.
    expect(await claimDueDeliveries(temp.db, { platforms: ["test"], limit: 10, leaseMs: 30_000 })).toHaveLength(0);
  });

  it("keeps one chat in order with two dispatchers (two processes) on one database, sending each row once", async () => {
    for (const chat of ["a", "b", "c"]) await follow(temp.db, "test", chat);
    for (let i = 0; i < 12; i++) await addStory(temp.db, { title: `n${i}` });
    await createWatcher({ db: temp.db, logger: quiet }).runOnce();
    const second = openSqlite(temp.path);
    if (second.status === "error") throw new Error(second.error);
    const slow = () => {
      const channel = scriptedChannel();
      channel.answer(() => true, () => new Promise((r) => setTimeout(() => r({ status: "sent", messageId: "x" }), 5)), 1000);
      return channel;
    };
    const one = slow();
    const two = slow();
    await Promise.all([
      createDispatcher({ db: temp.db, channels: [one], logger: quiet, defaultTimezone: "UTC", batchSize: 2 }).drain(),
      createDispatcher({ db: second.db, channels: [two], logger: quiet, defaultTimezone: "UTC", batchSize: 2 }).drain(),
    ]);
    await second.db.destroy();
    const calls = [...one.calls, ...two.calls];
    expect(calls).toHaveLength(36);
    expect(one.calls.length).toBeGreaterThan(0);
    expect(two.calls.length).toBeGreaterThan(0);
    const rows = await listDeliveries(temp.db, {});
    expect(rows.every((d) => d.status === "sent")).toBe(true);
    // Sent times per chat follow the stories' order.
    for (const chat of ["a", "b", "c"]) {
      const sent = rows.filter((d) => d.chatId === chat).sort((x, y) => x.id - y.id);
      const times = sent.map((d) => d.sentAt!.getTime());
      expect(times).toEqual([...times].sort((x, y) => x - y));
    }
  });
});

describe("after a crash", () => {
  it("re-sends claims whose lease expired and records only those whose send had started as possible duplicates", async () => {
    await follow(temp.db, "test", "a");
    await follow(temp.db, "test", "b");
    await addStory(temp.db);
    await createWatcher({ db: temp.db, logger: quiet }).runOnce();
    const t0 = Date.now();
    // The crashed process: claimed both, called the platform for one, then died.
    const claimed = await claimDueDeliveries(temp.db, { platforms: ["test"], limit: 10, leaseMs: 1_000, now: t0 });
    expect(claimed).toHaveLength(2);
    await startSend(temp.db, claimed[0]!.id, claimed[0]!.leaseUntil!, 1_000, t0);

    const { logger, lines } = recordingLogger();
    const channel = scriptedChannel();
    const dispatcher = createDispatcher({ db: temp.db, channels: [channel], logger, defaultTimezone: "UTC", clock: () => t0 + 500 });
    expect(await dispatcher.drain()).toBe(0);
    const later = createDispatcher({ db: temp.db, channels: [channel], logger, defaultTimezone: "UTC", clock: () => t0 + 1_001 });
    expect(await later.drain()).toBe(2);
    const rows = await listDeliveries(temp.db, {});
    expect(rows.map((d) => [d.status, d.recoveredLeases])).toEqual([
      ["sent", 1],
      ["sent", 0],
    ]);
    expect(await recoveredLeaseTotal(temp.db)).toBe(1);
    expect(lines.filter((l) => String(l.msg).startsWith("re-sending a delivery whose send had started"))).toHaveLength(1);
  });

  it("returns held claims to the outbox on stop", async () => {
    await follow(temp.db, "test", "a");
    await follow(temp.db, "test", "b");
    await addStory(temp.db);
    await createWatcher({ db: temp.db, logger: quiet }).runOnce();
    const channel = scriptedChannel();
    let release!: () => void;
    channel.answer(() => true, () => new Promise((r) => (release = () => r({ status: "sent", messageId: "m" }))));
    // One call at a time: chat b's row is claimed and held while chat a's call hangs.
    const dispatcher = createDispatcher({ db: temp.db, channels: [channel], logger: quiet, defaultTimezone: "UTC", concurrency: 1 });
    dispatcher.start();
    while (channel.calls.length === 0) await new Promise((r) => setTimeout(r, 5));
    const stopped = dispatcher.stop();
    release();
    await stopped;
    const rows = await listDeliveries(temp.db, {});
    expect(channel.calls).toHaveLength(1);
    expect(rows.map((d) => d.status)).toEqual(["sent", "pending"]);
    expect(rows.every((d) => d.recoveredLeases === 0 && d.sendStartedAt === null === (d.status === "pending"))).toBe(true);
  });
});
