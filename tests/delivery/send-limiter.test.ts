import { describe, expect, it } from "vitest";
import { defaultRateLimits, limitsFor, publishedLimits } from "../../src/delivery/rate-limit/rate-limits.js";
import type { PlatformRateLimits } from "../../src/delivery/rate-limit/rate-limits.js";
import { SendLimiter } from "../../src/delivery/rate-limit/send-limiter.js";
import { fakeClock } from "./fake-clock.js";

// The published 1 a second per chat, less the headroom kept for jitter: a little over a second;
// after an idle spell the bucket forgives a few ms of lateness (catchUpMs).
const { refillPerSecond, catchUpMs = 0 } = defaultRateLimits.telegram.perChat;
const telegramChatMs = Math.ceil(1000 / refillPerSecond);
const telegramChatAfterIdleMs = Math.ceil(1000 / refillPerSecond - catchUpMs);

function limiter(limits: PlatformRateLimits, startFull = true) {
  const clock = fakeClock();
  return { clock, limiter: new SendLimiter(limits, { clock: clock.read, startFull }) };
}

describe("SendLimiter", () => {
  it("limits each chat on its own", () => {
    const { clock, limiter: telegram } = limiter(defaultRateLimits.telegram);
    expect(telegram.tryAcquire({ chatId: "a" })).toEqual({ ok: true });
    expect(telegram.tryAcquire({ chatId: "a" })).toEqual({ ok: false, waitMs: telegramChatAfterIdleMs, scope: "chat" });
    clock.advance(40);
    expect(telegram.tryAcquire({ chatId: "b" })).toEqual({ ok: true });
    clock.advance(telegramChatAfterIdleMs - 40);
    expect(telegram.tryAcquire({ chatId: "a" })).toEqual({ ok: true });
  });

  it("adds the group bucket for group chats only", () => {
    const limits = { perChat: { capacity: 10, refillPerSecond: 10 }, perGroup: { capacity: 2, refillPerSecond: 1 / 30 } };
    const { limiter: sends } = limiter(limits);
    expect(sends.tryAcquire({ chatId: "g", isGroup: true }).ok).toBe(true);
    expect(sends.tryAcquire({ chatId: "g", isGroup: true }).ok).toBe(true);
    expect(sends.tryAcquire({ chatId: "g", isGroup: true })).toEqual({ ok: false, waitMs: 30_000, scope: "group" });
    expect(sends.tryAcquire({ chatId: "p" }).ok).toBe(true);
    expect(sends.tryAcquire({ chatId: "p" }).ok).toBe(true);
    expect(sends.tryAcquire({ chatId: "p" }).ok).toBe(true);
  });

  it("takes all the tokens or none of them", () => {
    const limits = { perChat: { capacity: 1, refillPerSecond: 1 }, global: { capacity: 2, refillPerSecond: 2 } };
    const { clock, limiter: sends } = limiter(limits);
    expect(sends.tryAcquire({ chatId: "a" }).ok).toBe(true);
    // Refused by its chat bucket: the global token must stay for chat b.
    expect(sends.tryAcquire({ chatId: "a" })).toEqual({ ok: false, waitMs: 1000, scope: "chat" });
    expect(sends.tryAcquire({ chatId: "b" }).ok).toBe(true);
    // Refused globally: chat c's own token must stay for later.
    expect(sends.tryAcquire({ chatId: "c" })).toEqual({ ok: false, waitMs: 500, scope: "global" });
    clock.advance(500);
    expect(sends.tryAcquire({ chatId: "c" })).toEqual({ ok: true });
  });

  it("names the longest wait when several buckets refuse", () => {
    const limits = { perChat: { capacity: 1, refillPerSecond: 1 }, global: { capacity: 1, refillPerSecond: 4 } };
    const { clock, limiter: sends } = limiter(limits);
    sends.tryAcquire({ chatId: "a" });
    expect(sends.tryAcquire({ chatId: "a" })).toEqual({ ok: false, waitMs: 1000, scope: "chat" });
    clock.advance(1000);
    expect(sends.tryAcquire({ chatId: "a" }).ok).toBe(true);
  });

  it("pauses one chat on a chat 429, and nothing else", () => {
    const { clock, limiter: sends } = limiter(defaultRateLimits.discord);
    sends.pause("chat", "a", clock.now + 7_500);
    expect(sends.tryAcquire({ chatId: "a" })).toEqual({ ok: false, waitMs: 7_500, scope: "chat" });
    expect(sends.tryAcquire({ chatId: "b" }).ok).toBe(true);
    clock.advance(7_500);
    expect(sends.tryAcquire({ chatId: "a" }).ok).toBe(true);
  });

  it("pauses the whole platform on a global 429", () => {
    const { clock, limiter: sends } = limiter(defaultRateLimits.discord);
    sends.pause("global", "a", clock.now + 2_000);
    expect(sends.tryAcquire({ chatId: "a" })).toEqual({ ok: false, waitMs: 2_000, scope: "global" });
    expect(sends.tryAcquire({ chatId: "z" })).toEqual({ ok: false, waitMs: 2_000, scope: "global" });
    clock.advance(2_000);
    expect(sends.tryAcquire({ chatId: "z" }).ok).toBe(true);
  });

  it("lets an unlimited platform through but still obeys a 429", () => {
    const { clock, limiter: terminal } = limiter(defaultRateLimits.console);
    for (let i = 0; i < 1000; i++) expect(terminal.tryAcquire({ chatId: "a" }).ok).toBe(true);
    terminal.pause("chat", "a", clock.now + 100);
    expect(terminal.tryAcquire({ chatId: "a" })).toEqual({ ok: false, waitMs: 100, scope: "chat" });
    terminal.pause("global", "a", clock.now + 300);
    expect(terminal.tryAcquire({ chatId: "b" })).toEqual({ ok: false, waitMs: 300, scope: "global" });
  });

  it("starts every bucket as if it had just sent, unless startFull", () => {
    const { clock, limiter: sends } = limiter(defaultRateLimits.telegram, false);
    expect(sends.tryAcquire({ chatId: "a" })).toEqual({ ok: false, waitMs: telegramChatMs, scope: "chat" });
    clock.advance(telegramChatMs);
    expect(sends.tryAcquire({ chatId: "a" }).ok).toBe(true);
    clock.advance(40);
    // A chat first seen a second after the start has refilled in the meantime.
    expect(sends.tryAcquire({ chatId: "b" }).ok).toBe(true);
  });

  it("drops idle chats so memory stays bounded across 100,000 chats", () => {
    const { clock, limiter: telegram } = limiter(defaultRateLimits.telegram);
    let mostTracked = 0;
    for (let chat = 0; chat < 100_000; chat++) {
      const target = { chatId: String(chat), isGroup: chat % 10 === 0 };
      for (let result = telegram.tryAcquire(target); !result.ok; result = telegram.tryAcquire(target)) {
        clock.advance(result.waitMs);
      }
      mostTracked = Math.max(mostTracked, telegram.trackedKeys);
    }
    // 30 sends a second for a sweep interval (a minute) plus the refill time.
    expect(mostTracked).toBeLessThan(30 * 62 * 1.1);
    clock.advance(61_000);
    telegram.tryAcquire({ chatId: "last" });
    expect(telegram.trackedKeys).toBe(1);
  });

  it("checks without remembering: a refused chat costs no memory", () => {
    const { limiter: sends } = limiter({ global: { capacity: 1, refillPerSecond: 1 }, perChat: { capacity: 1, refillPerSecond: 1 } });
    sends.tryAcquire({ chatId: "a" });
    for (let chat = 0; chat < 1000; chat++) sends.tryAcquire({ chatId: `other-${chat}` });
    expect(sends.trackedKeys).toBe(1);
  });

  it("keeps a paused chat until its pause is over", () => {
    const { clock, limiter: sends } = limiter(defaultRateLimits.telegram);
    sends.pause("chat", "a", clock.now + 3_600_000);
    clock.advance(120_000);
    sends.tryAcquire({ chatId: "b" });
    expect(sends.trackedKeys).toBe(2);
    expect(sends.tryAcquire({ chatId: "a" })).toEqual({ ok: false, waitMs: 3_480_000, scope: "chat" });
  });
});

describe("rate limits as data", () => {
  it("overrides one scope of a platform's published windows and derives the buckets", () => {
    const merged = limitsFor("telegram", { telegram: { global: { count: 10, perMs: 1000 } } });
    expect(merged.windows).toEqual({ ...publishedLimits.telegram, global: { count: 10, perMs: 1000 } });
    expect(merged.buckets.perChat).toEqual(defaultRateLimits.telegram.perChat);
    expect(merged.buckets.global?.refillPerSecond).toBeCloseTo(9.9);
    expect(limitsFor("discord").buckets).toEqual(defaultRateLimits.discord);
    expect(limitsFor("a-test-platform")).toEqual({ windows: {}, buckets: {} });
  });
});
