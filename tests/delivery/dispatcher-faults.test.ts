// Fault injection for every class an adapter can report: what happens to the row, the chat,
// its subscriptions and its other rows, and what the dispatcher records.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getChatSettings, updateChatSettings } from "../../src/db/chat-settings-queries.js";
import { listDeliveries, type Delivery } from "../../src/db/delivery-queries.js";
import { allSubscriptions } from "../../src/db/subscription-queries.js";
import { createDispatcher, type DispatcherOptions, type OutcomeEvent } from "../../src/delivery/dispatcher.js";
import { createWatcher } from "../../src/stories/watcher.js";
import { createTempDatabase, type TempDatabase } from "../helpers/temp-db.js";
import { addStory, follow, recordingLogger, scriptedChannel } from "./outbox-helpers.js";

let temp: TempDatabase;
let now: number;
const clock = () => now;

beforeEach(async () => {
  temp = await createTempDatabase();
  // Real time: subscriptions and stories are stamped with it, and the watcher's caches key on it.
  now = Date.now();
});
afterEach(() => temp.cleanup());

function setup(channel = scriptedChannel(), extra: Partial<DispatcherOptions> = {}) {
  const { logger, lines } = recordingLogger();
  const events: OutcomeEvent[] = [];
  const dispatcher = createDispatcher({ db: temp.db, channels: [channel], logger, defaultTimezone: "UTC", clock, random: () => 0.5, onOutcome: (e) => events.push(e), ...extra });
  const watcher = createWatcher({ db: temp.db, logger, clock: () => new Date(now) });
  return { channel, dispatcher, watcher, lines, events };
}

const rows = async () => listDeliveries(temp.db, {});
const byChat = (list: Delivery[], chatId: string) => list.filter((d) => d.chatId === chatId);

describe("transient failures", () => {
  it("retry with exponential backoff and jitter, not counting as sent", async () => {
    const { channel, dispatcher, watcher } = setup();
    await follow(temp.db, "test", "a");
    await addStory(temp.db, { title: "Quake" });
    await watcher.runOnce();
    channel.answer(() => true, { status: "transient", error: "502 Bad Gateway", httpStatus: 502 }, 3);

    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await dispatcher.drain()).toBe(1);
      const [row] = await rows();
      expect(row).toMatchObject({ status: "pending", attempts: attempt, lastError: "502 Bad Gateway" });
      delays.push(row!.nextAttemptAt.getTime() - now);
      now = row!.nextAttemptAt.getTime();
    }
    // Full jitter with random() = 0.5: half of 5 s · 2^(attempt-1).
    expect(delays).toEqual([2_500, 5_000, 10_000]);
    expect(await dispatcher.drain()).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: "sent", attempts: 4, lastError: null });
  });

  it("give up after 24 hours with the last error, and are never tried again", async () => {
    const { channel, dispatcher, watcher, events } = setup();
    await follow(temp.db, "test", "a");
    await addStory(temp.db);
    await watcher.runOnce();
    channel.answer(() => true, { status: "transient", error: "timeout" }, 1000);
    for (let i = 0; i < 200; i++) {
      await dispatcher.drain();
      const [row] = await rows();
      if (row!.status !== "pending") break;
      now = row!.nextAttemptAt.getTime();
    }
    const [row] = await rows();
    expect(row).toMatchObject({ status: "failed", lastError: "gave up after 24 hours: timeout" });
    expect(now - row!.createdAt.getTime()).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(events.at(-1)?.outcome).toBe("expired");
    const calls = channel.calls.length;
    now += 48 * 3_600_000;
    expect(await dispatcher.drain()).toBe(0);
    expect(channel.calls).toHaveLength(calls);
  });

  it("include an adapter that throws: the alert is retried, not lost", async () => {
    const { channel, dispatcher, watcher } = setup();
    await follow(temp.db, "test", "a");
    await addStory(temp.db);
    await watcher.runOnce();
    channel.answer(() => true, () => {
      throw new Error("socket hang up");
    });
    await dispatcher.drain();
    expect((await rows())[0]).toMatchObject({ status: "pending", lastError: "socket hang up" });
  });

  it("pause the whole platform after several failures in a row (an outage)", async () => {
    // One call at a time, so the sixth is not already in flight when the fifth fails.
    const { channel, dispatcher, watcher, lines } = setup(scriptedChannel(), { concurrency: 1, holdMaxMs: 0 });
    for (const chat of ["a", "b", "c", "d", "e", "f"]) await follow(temp.db, "test", chat);
    await addStory(temp.db);
    await watcher.runOnce();
    channel.answer(() => true, { status: "transient", error: "503" }, 5);
    await dispatcher.drain();
    // Five failures, then the sixth chat waits for the pause instead of being tried.
    expect(channel.calls).toHaveLength(5);
    expect(lines.some((l) => l.msg === "platform keeps failing; pausing all sends to it")).toBe(true);
    const f = byChat(await rows(), "f")[0]!;
    expect(f.status).toBe("pending");
    expect(f.nextAttemptAt.getTime()).toBeGreaterThan(now);
  });
});

describe("rate limited (429)", () => {
  it("pauses exactly the chat it names, keeps the chat's order, and does not count an attempt", async () => {
    const { channel, dispatcher, watcher, events } = setup();
    await follow(temp.db, "test", "a");
    await follow(temp.db, "test", "b");
    await addStory(temp.db, { title: "First" });
    await addStory(temp.db, { title: "Second" });
    await watcher.runOnce();
    channel.answer((c) => c.chatId === "a", { status: "retry-after", retryAfterMs: 7_000, scope: "chat", error: "429 Too Many Requests", httpStatus: 429 });
    await dispatcher.drain();

    const a = byChat(await rows(), "a");
    expect(a.map((d) => [d.status, d.nextAttemptAt.getTime() - now, d.attempts])).toEqual([
      ["pending", 7_000, 0],
      ["pending", 7_000, 0],
    ]);
    expect(byChat(await rows(), "b").every((d) => d.status === "sent")).toBe(true);
    expect(events.filter((e) => e.outcome === "retry-after")).toHaveLength(1);

    now += 6_999;
    await dispatcher.drain();
    expect(channel.calls.filter((c) => c.chatId === "a")).toHaveLength(1);
    now += 1;
    await dispatcher.drain();
    const sentToA = channel.calls.filter((c) => c.chatId === "a").map((c) => c.alert?.title);
    expect(sentToA).toEqual(["First", "First", "Second"]);
  });

  it("a global 429 pauses every chat of the platform", async () => {
    // holdMaxMs 0: a wait is never slept in memory (the fake clock would not move), rows go back to the outbox.
    const { channel, dispatcher, watcher } = setup(scriptedChannel(), { concurrency: 1, holdMaxMs: 0 });
    await follow(temp.db, "test", "a");
    await follow(temp.db, "test", "b");
    await addStory(temp.db);
    await watcher.runOnce();
    channel.answer(() => true, { status: "retry-after", retryAfterMs: 3_000, scope: "global", error: "429 global" });
    await dispatcher.drain();
    expect(channel.calls).toHaveLength(1);
    expect((await rows()).map((d) => d.status)).toEqual(["pending", "pending"]);
    expect((await rows()).every((d) => d.nextAttemptAt.getTime() >= now + 3_000)).toBe(true);
    now += 3_000;
    await dispatcher.drain();
    expect((await rows()).map((d) => d.status)).toEqual(["sent", "sent"]);
  });
});

describe("chat gone", () => {
  it("deactivates the chat's subscriptions and drops (and counts) its remaining deliveries", async () => {
    const { channel, dispatcher, watcher, events, lines } = setup();
    await follow(temp.db, "test", "gone", "world");
    await follow(temp.db, "test", "gone", "sports");
    await follow(temp.db, "test", "ok");
    for (let i = 0; i < 3; i++) await addStory(temp.db, { topics: ["world", "sports"] });
    await watcher.runOnce();
    channel.answer((c) => c.chatId === "gone", { status: "gone", error: "403 Forbidden: bot was blocked by the user", httpStatus: 403 });
    now = Date.now() + 1;
    await dispatcher.drain();

    expect(channel.calls.filter((c) => c.chatId === "gone")).toHaveLength(1);
    expect(byChat(await rows(), "gone").map((d) => d.status)).toEqual(["dropped", "dropped", "dropped"]);
    expect(byChat(await rows(), "ok").map((d) => d.status)).toEqual(["sent", "sent", "sent"]);
    const subs = (await allSubscriptions(temp.db, { activeOnly: false })).filter((s) => s.chatId === "gone");
    expect(subs.map((s) => s.active)).toEqual([false, false]);
    expect(events.find((e) => e.outcome === "gone")).toMatchObject({ dropped: 3 });
    expect(lines.find((l) => l.msg === "chat is gone; subscriptions deactivated, queued deliveries dropped")).toMatchObject({ subscriptions: 2, droppedDeliveries: 3 });

    // Nothing new reaches the chat afterwards.
    await addStory(temp.db);
    await watcher.runOnce();
    expect(byChat(await rows(), "gone")).toHaveLength(3);
  });
});

describe("group upgraded (migrated)", () => {
  it("moves the chat id everywhere and re-sends the delivery to the new id", async () => {
    const { channel, dispatcher, watcher } = setup();
    await follow(temp.db, "test", "-100");
    await updateChatSettings(temp.db, { platform: "test", chatId: "-100" }, { quietStart: "23:00", quietEnd: "07:00" }, now);
    await addStory(temp.db, { title: "One" });
    await addStory(temp.db, { title: "Two" });
    await watcher.runOnce();
    channel.answer((c) => c.chatId === "-100", { status: "migrated", newChatId: "-1001234", error: "400 group upgraded" });
    await dispatcher.drain();

    expect(channel.calls.map((c) => [c.chatId, c.alert?.title])).toEqual([
      ["-100", "One"],
      ["-1001234", "One"],
      ["-1001234", "Two"],
    ]);
    expect((await rows()).map((d) => [d.chatId, d.status])).toEqual([
      ["-1001234", "sent"],
      ["-1001234", "sent"],
    ]);
    expect((await allSubscriptions(temp.db, { activeOnly: true })).map((s) => s.chatId)).toEqual(["-1001234"]);
    expect(await getChatSettings(temp.db, { platform: "test", chatId: "-1001234" })).toMatchObject({ quietStart: "23:00" });
  });
});

describe("rejected", () => {
  it("logs the payload, fails the row and never retries it", async () => {
    const { channel, dispatcher, watcher, lines } = setup();
    await follow(temp.db, "test", "a");
    await addStory(temp.db, { title: "Bad <markup>" });
    await watcher.runOnce();
    channel.answer(() => true, { status: "rejected", error: "400 Bad Request: can't parse entities", httpStatus: 400 });
    await dispatcher.drain();
    expect((await rows())[0]).toMatchObject({ status: "failed", lastError: "rejected by the platform: 400 Bad Request: can't parse entities" });
    const logged = lines.find((l) => l.msg === "platform rejected the message; not retrying") as { alert?: { title: string } } | undefined;
    expect(logged?.alert?.title).toBe("Bad <markup>");
    now += 48 * 3_600_000;
    expect(await dispatcher.drain()).toBe(0);
    expect(channel.calls).toHaveLength(1);
  });
});

describe("Discord's invalid-request budget", () => {
  it("counts 401/403/429 answers and the SDK's own, warns above half and slows down", async () => {
    let hook: ((n: number) => void) | undefined;
    const channel = scriptedChannel("discord");
    channel.onInvalidRequests = (listener) => (hook = listener);
    const { dispatcher, watcher, lines } = setup(channel, {
      rateLimits: { discord: { perChat: { count: 100, perMs: 100 }, global: { count: 1000, perMs: 1000 } } },
      invalidRequests: { limit: 20, slowdownMs: 150 },
      clock: Date.now,
      concurrency: 1,
    });
    now = Date.now();
    for (let i = 0; i < 12; i++) await follow(temp.db, "discord", `c${i}`);
    await addStory(temp.db);
    await watcher.runOnce();
    channel.answer((c) => Number(c.chatId.slice(1)) < 6, { status: "gone", error: "Missing Access (50001)", httpStatus: 403 }, 6);
    hook?.(5);
    const started = Date.now();
    await dispatcher.drain();
    expect(dispatcher.invalidRequestCount("discord")).toBe(11);
    expect(lines.filter((l) => String(l.msg).startsWith("above half of Discord's invalid-request budget"))).toHaveLength(1);
    // After the 11th invalid request (> 10), each of the remaining six sends waited 150 ms more.
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * 150);
  });
});
