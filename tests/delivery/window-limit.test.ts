// The published limits are windows ("30 a second"); the buckets that model them must never let
// more through in any window, however late or early the sender comes back for its next token.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRateLimits, windowLimit } from "../../src/delivery/rate-limit/rate-limits.js";
import { TokenBucket } from "../../src/delivery/rate-limit/token-bucket.js";

/** Most sends in any half-open window of `perMs` (a send exactly perMs earlier has left it). */
function busiestWindow(times: number[], perMs: number): number {
  let most = 0;
  let first = 0;
  for (let i = 0; i < times.length; i++) {
    while ((times[first] as number) <= (times[i] as number) - perMs) first++;
    most = Math.max(most, i - first + 1);
  }
  return most;
}

/** A sender that asks again after the bucket's wait plus some lateness (timers, a busy loop). */
function sendTimes(bucket: TokenBucket, start: number, lateness: number[]): number[] {
  const times: number[] = [];
  let now = start;
  for (const late of lateness) {
    const wait = bucket.waitMs(now);
    now += wait + late;
    if (bucket.tryTake(now).ok) times.push(now);
  }
  return times;
}

const windows = [
  ["Telegram, 30 a second", defaultRateLimits.telegram.global, 30, 1_000],
  ["Telegram, 1 a second per chat", defaultRateLimits.telegram.perChat, 1, 1_000],
  ["Telegram, 20 a minute per group", defaultRateLimits.telegram.perGroup, 20, 60_000],
  ["Discord, 50 a second", defaultRateLimits.discord.global, 50, 1_000],
  ["Discord, 5 per 5 seconds per channel", defaultRateLimits.discord.perChat, 5, 5_000],
  ["a burst of 5 of 30 a second", windowLimit(30, 1_000, { burst: 5 }), 30, 1_000],
] as const;

describe("buckets modelling window limits", () => {
  for (const [name, limit, count, perMs] of windows) {
    it(`never exceed ${name}, with the headroom left for jitter`, () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 40, noNaN: true }), fc.double({ min: 0, max: perMs, noNaN: true })), { minLength: 50, maxLength: 400 }), (lateness) => {
          const bucket = new TokenBucket({ ...limit, startFull: true, clock: () => 0 });
          const times = sendTimes(bucket, 1_700_000_000_000, lateness);
          expect(busiestWindow(times, perMs)).toBeLessThanOrEqual(count);
        }),
        { numRuns: 200 },
      );
    });
  }

  it("keep 95% of the published rate for a sender that wakes a few ms late every time", () => {
    const bucket = new TokenBucket({ ...defaultRateLimits.telegram.global, startFull: true, clock: () => 0 });
    const times = sendTimes(bucket, 0, Array.from({ length: 3_000 }, (_, i) => 1 + (i % 3)));
    const perSecond = (times.length - 1) / (((times.at(-1) as number) - (times[0] as number)) / 1000);
    expect(perSecond).toBeGreaterThan(30 * 0.955);
    expect(busiestWindow(times, 1_000)).toBeLessThanOrEqual(30);
  });
});
