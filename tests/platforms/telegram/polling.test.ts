import { afterEach, describe, expect, it } from "vitest";
import { telegramErrors } from "../../fakes/telegram/index.js";
import { startHarness, type Harness } from "./adapter-harness.js";
import { waitUntil } from "./wait-until.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const setup: Parameters<typeof startHarness>[0] = {
  setup: (tg) => {
    tg.addUser({ id: 42, first_name: "Ada" });
    tg.addChat({ id: 42, type: "private" });
  },
};

describe("the getUpdates loop", () => {
  it("survives server errors, dropped connections and a 429, then answers commands again", async () => {
    h = await startHarness({ ...setup, start: false });
    const { tg } = h;
    tg.failNext("getUpdates", telegramErrors.badGateway());
    tg.failNext("getUpdates", "drop");
    tg.failNext("getUpdates", telegramErrors.tooManyRequests(1));
    await h.adapter.start();
    await waitUntil("the adapter to report trouble", () => h?.adapter.health().state === "reconnecting");

    tg.userSends(42, 42, "/help");
    const reply = await waitUntil("the reply to /help", () => tg.messages(42)[0], 15_000);
    expect(reply.text).toContain("I send breaking-news alerts");
    expect(h.adapter.health()).toEqual({ state: "running" });
    expect(tg.stats.faultsInjected).toBe(3);
    // The 429's retry_after was respected: no poll within the second after it.
    const polls = tg.calls.filter((c) => c.method === "getUpdates");
    const after429 = polls.findIndex((c) => c.response?.ok === false && c.response.error_code === 429);
    expect((polls[after429 + 1]?.at ?? 0) - (polls[after429]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    const warnings = h.logs.filter((l) => l.includes("getUpdates failed"));
    expect(warnings.length).toBeGreaterThanOrEqual(3);
    expect(h.logs.join("\n")).not.toContain(tg.token.split(":")[1]);
  });

  it("keeps going when a reply cannot be sent", async () => {
    h = await startHarness(setup);
    const { tg } = h;
    await tg.waitForPoll(5000);
    tg.failNext("sendMessage", telegramErrors.internal());
    tg.userSends(42, 42, "/help");
    await waitUntil("the failure to be logged", () => h?.logs.some((l) => l.includes("a Telegram update failed")));
    tg.userSends(42, 42, "/help");
    expect((await waitUntil("the second reply", () => tg.messages(42)[0])).text).toContain("I send breaking-news alerts");
  });

  it("stops cleanly while Telegram is unreachable", async () => {
    h = await startHarness({ ...setup, start: false });
    h.tg.failNext("getMe", telegramErrors.internal(), { times: 100 });
    await h.adapter.start();
    await waitUntil("a failed getMe", () => h?.adapter.health().state === "reconnecting");
    const started = Date.now();
    await h.adapter.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(h.adapter.health().state).toBe("stopped");
  });

  it("reports an error state, without crashing, when the token is refused", async () => {
    h = await startHarness({ ...setup, start: false });
    h.tg.failNext("getMe", telegramErrors.unauthorized());
    await h.adapter.start();
    await waitUntil("the error state", () => h?.adapter.health().state === "error");
    expect(h.adapter.health().detail).toContain("401");
    expect(h.logs.join("\n")).toMatch(/check TELEGRAM_BOT_TOKEN/);
  });
});
