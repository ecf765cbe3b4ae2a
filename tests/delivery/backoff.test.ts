import { describe, expect, it } from "vitest";
import { nextRetryDelayMs, shouldGiveUp } from "../../src/delivery/backoff.js";

const always = (value: number) => () => value;
const HOUR = 3_600_000;

describe("nextRetryDelayMs with full jitter", () => {
  it("doubles the ceiling each attempt from the base", () => {
    const top = always(0.999999999);
    expect(nextRetryDelayMs(1, { random: top })).toBe(5_000);
    expect(nextRetryDelayMs(2, { random: top })).toBe(10_000);
    expect(nextRetryDelayMs(5, { random: top })).toBe(80_000);
  });

  it("spreads delays over [0, ceiling]", () => {
    expect(nextRetryDelayMs(3, { random: always(0) })).toBe(0);
    expect(nextRetryDelayMs(3, { random: always(0.5) })).toBe(10_000);
  });

  it("never exceeds the maximum, however many attempts", () => {
    for (const attempt of [20, 100, 10_000, Number.POSITIVE_INFINITY]) {
      expect(nextRetryDelayMs(attempt, { random: always(1) })).toBe(HOUR);
    }
    expect(nextRetryDelayMs(10, { maxMs: 60_000, random: always(1) })).toBe(60_000);
  });

  it("treats nonsense attempts as the first and clamps a misbehaving random source", () => {
    expect(nextRetryDelayMs(0, { random: always(1) })).toBe(5_000);
    expect(nextRetryDelayMs(Number.NaN, { random: always(1) })).toBe(5_000);
    expect(nextRetryDelayMs(1, { random: always(7) })).toBe(5_000);
    expect(nextRetryDelayMs(1, { random: always(-3) })).toBe(0);
  });

  it("stays in bounds with the real random source", () => {
    for (let attempt = 1; attempt <= 30; attempt++) {
      const delay = nextRetryDelayMs(attempt);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(Math.min(HOUR, 5_000 * 2 ** (attempt - 1)));
      expect(Number.isInteger(delay)).toBe(true);
    }
  });
});

describe("nextRetryDelayMs with decorrelated jitter", () => {
  it("picks between the base and three times the previous delay", () => {
    const options = { jitter: "decorrelated" as const, previousDelayMs: 20_000 };
    expect(nextRetryDelayMs(4, { ...options, random: always(0) })).toBe(5_000);
    expect(nextRetryDelayMs(4, { ...options, random: always(1) })).toBe(60_000);
  });

  it("starts from the base and respects the maximum", () => {
    expect(nextRetryDelayMs(1, { jitter: "decorrelated", random: always(1) })).toBe(15_000);
    expect(nextRetryDelayMs(9, { jitter: "decorrelated", previousDelayMs: HOUR, random: always(1) })).toBe(HOUR);
  });
});

describe("shouldGiveUp", () => {
  const first = new Date("2024-11-26T10:00:00Z");

  it("gives up after a day by default", () => {
    expect(shouldGiveUp(first, new Date("2024-11-27T09:59:59Z"))).toBe(false);
    expect(shouldGiveUp(first, new Date("2024-11-27T10:00:00Z"))).toBe(true);
  });

  it("takes epoch milliseconds and a custom age", () => {
    expect(shouldGiveUp(1_000, 60_999, 60_000)).toBe(false);
    expect(shouldGiveUp(1_000, 61_000, 60_000)).toBe(true);
  });
});
