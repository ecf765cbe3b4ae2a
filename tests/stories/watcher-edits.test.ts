// A cluster that gains sources after its alert went out is edited in place ("+2 more: AP, BBC"),
// at most once a minute per message, instead of alerting the chat again.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listDeliveries } from "../../src/db/delivery-queries.js";
import { createDispatcher } from "../../src/delivery/dispatcher.js";
import { createLogger } from "../../src/logger.js";
import { createWatcher } from "../../src/stories/watcher.js";
import { addStory, follow, scriptedChannel } from "../delivery/outbox-helpers.js";
import { createTempDatabase, type TempDatabase } from "../helpers/temp-db.js";

const quiet = createLogger({ level: "silent", secrets: [] });
let temp: TempDatabase;
let now: number;

beforeEach(async () => {
  temp = await createTempDatabase();
  now = Date.now();
});
afterEach(() => temp.cleanup());

function pipeline(channel = scriptedChannel()) {
  const watcher = createWatcher({ db: temp.db, logger: quiet, clock: () => new Date(now) });
  const dispatcher = createDispatcher({ db: temp.db, channels: [channel], logger: quiet, defaultTimezone: "UTC", clock: () => now });
  return { channel, watcher, dispatcher };
}

describe("edit on cluster growth", () => {
  it("edits the sent alert instead of sending a new one, at most once a minute, coalescing growth in between", async () => {
    const { channel, watcher, dispatcher } = pipeline();
    await follow(temp.db, "test", "a");
    const first = await addStory(temp.db, { title: "Dam bursts", sourceName: "Reuters" });
    await watcher.runOnce();
    await dispatcher.drain();
    expect(channel.calls.map((c) => c.op)).toEqual(["send"]);

    await addStory(temp.db, { title: "Dam collapse", sourceName: "AP", clusterId: first.clusterId });
    expect((await watcher.runOnce()).deliveries).toBe(1);
    await dispatcher.drain();
    expect(channel.calls[1]).toMatchObject({ op: "edit", messageId: "m1", storyId: first.id });
    expect(channel.calls[1]?.alert?.moreSources).toEqual(["AP"]);

    // Two more sources within the minute: one edit, due a minute after the last.
    now += 10_000;
    await addStory(temp.db, { title: "Dam failure", sourceName: "BBC", clusterId: first.clusterId });
    await watcher.runOnce();
    now += 10_000;
    await addStory(temp.db, { title: "Dam breach", sourceName: "CNN", clusterId: first.clusterId });
    await watcher.runOnce();
    const edits = (await listDeliveries(temp.db, {})).filter((d) => d.kind === "edit");
    expect(edits.map((d) => d.status)).toEqual(["sent", "pending"]);
    await dispatcher.drain();
    expect(channel.calls).toHaveLength(2);

    now += 40_000;
    await dispatcher.drain();
    expect(channel.calls).toHaveLength(3);
    expect(channel.calls[2]).toMatchObject({ op: "edit", messageId: "m1" });
    expect(channel.calls[2]?.alert?.moreSources.sort()).toEqual(["AP", "BBC", "CNN"]);
    // The chat only ever got one message.
    expect(channel.calls.filter((c) => c.op === "send")).toHaveLength(1);
  });

  it("folds growth into an alert that has not gone out yet", async () => {
    const { channel, watcher, dispatcher } = pipeline();
    await follow(temp.db, "test", "a");
    const first = await addStory(temp.db, { sourceName: "Reuters" });
    await watcher.runOnce();
    await addStory(temp.db, { sourceName: "AP", clusterId: first.clusterId });
    expect((await watcher.runOnce()).deliveries).toBe(0);
    await dispatcher.drain();
    expect(channel.calls.map((c) => [c.op, c.alert?.moreSources])).toEqual([["send", ["AP"]]]);
  });

  it("alerts once for a cluster that arrives whole in one pass", async () => {
    const { channel, watcher, dispatcher } = pipeline();
    await follow(temp.db, "test", "a");
    const first = await addStory(temp.db, { sourceName: "Reuters" });
    await addStory(temp.db, { sourceName: "AP", clusterId: first.clusterId });
    await addStory(temp.db, { sourceName: "BBC", clusterId: first.clusterId });
    expect((await watcher.runOnce()).deliveries).toBe(1);
    await dispatcher.drain();
    expect(channel.calls.map((c) => [c.op, c.alert?.moreSources.sort()])).toEqual([["send", ["AP", "BBC"]]]);
  });

  it("drops the edit on a platform that cannot edit, without a second message", async () => {
    const { channel, watcher, dispatcher } = pipeline(scriptedChannel("test", { edit: false }));
    await follow(temp.db, "test", "a");
    const first = await addStory(temp.db, { sourceName: "Reuters" });
    await watcher.runOnce();
    await dispatcher.drain();
    await addStory(temp.db, { sourceName: "AP", clusterId: first.clusterId });
    await watcher.runOnce();
    await dispatcher.drain();
    expect(channel.calls.map((c) => c.op)).toEqual(["send"]);
    expect((await listDeliveries(temp.db, {})).map((d) => [d.kind, d.status, d.lastError])).toEqual([
      ["alert", "sent", null],
      ["edit", "dropped", "the platform cannot edit messages"],
    ]);
  });

  it("waits for an alert still in flight, then edits it", async () => {
    const channel = scriptedChannel();
    const { watcher, dispatcher } = pipeline(channel);
    await follow(temp.db, "test", "a");
    const first = await addStory(temp.db, { sourceName: "Reuters" });
    await watcher.runOnce();
    let release!: () => void;
    channel.answer((c) => c.op === "send", () => new Promise((r) => (release = () => r({ status: "sent", messageId: "m-1" }))));
    const sending = dispatcher.drain();
    while (channel.calls.length === 0) await new Promise((r) => setTimeout(r, 5));
    await addStory(temp.db, { sourceName: "AP", clusterId: first.clusterId });
    await watcher.runOnce();
    release();
    await sending;
    now += 5_000;
    await dispatcher.drain();
    expect(channel.calls.map((c) => [c.op, c.messageId ?? null])).toEqual([
      ["send", null],
      ["edit", "m-1"],
    ]);
  });
});
