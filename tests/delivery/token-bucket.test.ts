import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../src/delivery/rate-limit/token-bucket.js";
import { fakeClock } from "./fake-clock.js";

describe("TokenBucket", () => {
  it("allows a burst of capacity, then one token per refill interval", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 1, startFull: true, clock: clock.read });
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(bucket.tryTake()).toEqual({ ok: false, waitMs: 1000 });
    clock.advance(999);
    expect(bucket.tryTake()).toEqual({ ok: false, waitMs: 1 });
    clock.advance(1);
    expect(bucket.tryTake()).toEqual({ ok: true });
  });

  it("gives exact waits for fractional rates (20 per minute)", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 20, refillPerSecond: 20 / 60, startFull: true, clock: clock.read });
    for (let i = 0; i < 20; i++) expect(bucket.tryTake().ok).toBe(true);
    expect(bucket.tryTake()).toEqual({ ok: false, waitMs: 3000 });
    clock.advance(2999);
    expect(bucket.tryTake()).toEqual({ ok: false, waitMs: 1 });
    clock.advance(1);
    expect(bucket.tryTake()).toEqual({ ok: true });
    expect(bucket.tryTake()).toEqual({ ok: false, waitMs: 3000 });
  });

  it("rounds a fractional wait up, never down (30 per second)", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 30, refillPerSecond: 30, startFull: true, clock: clock.read });
    for (let i = 0; i < 30; i++) bucket.tryTake();
    expect(bucket.tryTake()).toEqual({ ok: false, waitMs: 34 });
  });

  it("starts empty unless told otherwise, as if it had just sent", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 1, clock: clock.read });
    expect(bucket.tokens()).toBe(0);
    expect(bucket.tryTake()).toEqual({ ok: false, waitMs: 1000 });
  });

  it("accrues tokens from emptyAt", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 1, clock: clock.read, emptyAt: clock.now - 2000 });
    expect(bucket.tokens()).toBe(2);
  });

  it("never holds more than its capacity", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 1, clock: clock.read });
    clock.advance(60_000);
    expect(bucket.tokens()).toBe(2);
    expect([bucket.tryTake().ok, bucket.tryTake().ok, bucket.tryTake().ok]).toEqual([true, true, false]);
  });

  it("pauses until the given time, tokens or not, and never shortens a pause", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 1, startFull: true, clock: clock.read });
    bucket.pauseUntil(clock.now + 5000);
    bucket.pauseUntil(clock.now + 1000);
    expect(bucket.tryTake()).toEqual({ ok: false, waitMs: 5000 });
    expect(bucket.isIdle()).toBe(false);
    clock.advance(5000);
    expect(bucket.tryTake()).toEqual({ ok: true });
  });

  it("is idle only when full and not paused", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 1, startFull: true, clock: clock.read });
    expect(bucket.isIdle()).toBe(true);
    bucket.tryTake();
    expect(bucket.isIdle()).toBe(false);
    clock.advance(1000);
    expect(bucket.isIdle()).toBe(true);
  });

  it("rejects limits that make no sense", () => {
    expect(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ capacity: 1, refillPerSecond: 0 })).toThrow(RangeError);
  });

  it("always succeeds exactly after the wait it names, and not a millisecond before", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 60 }),
        (capacity, refillPerSecond, gaps) => {
          const clock = fakeClock();
          const bucket = new TokenBucket({ capacity, refillPerSecond, clock: clock.read });
          for (const gap of gaps) {
            clock.advance(gap);
            const result = bucket.tryTake();
            if (result.ok) continue;
            expect(result.waitMs).toBeGreaterThan(0);
            if (result.waitMs > 1) {
              clock.advance(result.waitMs - 1);
              expect(bucket.tryTake().ok).toBe(false);
              clock.advance(1);
            } else {
              clock.advance(result.waitMs);
            }
            expect(bucket.tryTake().ok).toBe(true);
          }
        },
      ),
    );
  });
});
