// With several dispatch workers, the one that sends a chat's next message may not have sent the
// last one: its limiter learns the last send from the outbox (SendLimiter.noteSend).
import { describe, expect, it } from "vitest";
import { SendLimiter } from "../../src/delivery/rate-limit/send-limiter.js";
import { fakeClock } from "./fake-clock.js";

const limits = { perChat: { capacity: 1, refillPerSecond: 1 }, perGroup: { capacity: 1, refillPerSecond: 0.25 } };

describe("SendLimiter.noteSend", () => {
  it("makes a chat wait for a send another process made", () => {
    const clock = fakeClock();
    const worker = new SendLimiter(limits, { clock: clock.read, startFull: true });
    worker.noteSend({ chatId: "a" }, clock.now - 300);
    expect(worker.tryAcquire({ chatId: "a" })).toEqual({ ok: false, waitMs: 700, scope: "chat" });
    expect(worker.tryAcquire({ chatId: "b" })).toEqual({ ok: true });
    clock.advance(700);
    expect(worker.tryAcquire({ chatId: "a" })).toEqual({ ok: true });
  });

  it("counts the group bucket of a group chat too", () => {
    const clock = fakeClock();
    const worker = new SendLimiter(limits, { clock: clock.read, startFull: true });
    worker.noteSend({ chatId: "-5", isGroup: true }, clock.now);
    expect(worker.tryAcquire({ chatId: "-5", isGroup: true })).toEqual({ ok: false, waitMs: 4000, scope: "group" });
  });

  it("changes nothing for a send the limiter already counted, or an old one", () => {
    const clock = fakeClock();
    const worker = new SendLimiter(limits, { clock: clock.read, startFull: true });
    expect(worker.tryAcquire({ chatId: "a" })).toEqual({ ok: true });
    // The outbox records the same send (sent_at is when the platform answered).
    worker.noteSend({ chatId: "a" }, clock.now);
    worker.noteSend({ chatId: "a" }, clock.now - 5000);
    expect(worker.tryAcquire({ chatId: "a" })).toEqual({ ok: false, waitMs: 1000, scope: "chat" });
  });
});
