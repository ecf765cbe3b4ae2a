import { describe, expect, it } from "vitest";
import { discordInvalidRequestBudget } from "../../src/delivery/rate-limit/rate-limits.js";
import { SlidingWindowCounter } from "../../src/delivery/rate-limit/sliding-window-counter.js";

const TEN_MINUTES = 600_000;

describe("SlidingWindowCounter", () => {
  it("counts an event for the whole window and at most one slot longer", () => {
    const counter = new SlidingWindowCounter(discordInvalidRequestBudget);
    counter.record(0);
    expect(counter.count(0)).toBe(1);
    expect(counter.count(TEN_MINUTES - 1)).toBe(1);
    expect(counter.count(TEN_MINUTES + 999)).toBe(1);
    expect(counter.count(TEN_MINUTES + 1_000)).toBe(0);
  });

  it("slides: old events leave while new ones arrive", () => {
    const counter = new SlidingWindowCounter({ windowMs: 10_000, limit: 100, slotMs: 1_000 });
    for (let t = 0; t < 30_000; t += 500) counter.record(t);
    // Events at 19,000 … 29,500 (22 of them) are in the last window plus one slot.
    expect(counter.count(29_999)).toBe(22);
  });

  it("says when half the budget is spent", () => {
    const counter = new SlidingWindowCounter(discordInvalidRequestBudget);
    counter.record(1_000, 5_000);
    expect(counter.isAboveHalf(2_000)).toBe(false);
    counter.record(2_000);
    expect(counter.isAboveHalf(2_000)).toBe(true);
    expect(counter.isAboveHalf(2_000 + TEN_MINUTES + 1_000)).toBe(false);
  });

  it("reuses a slot once its time has passed instead of adding to it", () => {
    const counter = new SlidingWindowCounter({ windowMs: 10_000, limit: 100, slotMs: 1_000 });
    counter.record(0, 7);
    counter.record(11_000, 1);
    expect(counter.count(11_000)).toBe(1);
  });
});
