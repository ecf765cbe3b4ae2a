// The arrival windows behind the buckets: however the network delays each send, the platform
// never sees more than the published count in any window, and the cost is about one round trip.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AckWindow } from "../../src/delivery/rate-limit/ack-window.js";
import { ArrivalWindows } from "../../src/delivery/rate-limit/arrival-windows.js";

function busiestWindow(times: number[], perMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let i = 0; i < sorted.length; i++) {
    while ((sorted[first] as number) <= (sorted[i] as number) - perMs) first++;
    most = Math.max(most, i - first + 1);
  }
  return most;
}

/** A greedy sender with up to `concurrency` calls in flight; each arrives somewhere between leaving and its answer. */
function simulate(rule: { count: number; perMs: number }, rtts: number[], arrivalShare: number[], steps: number[], concurrency: number) {
  const window = new AckWindow(rule);
  const inFlight: Array<{ answerAt: number }> = [];
  const arrivals: number[] = [];
  let now = 0;
  let i = 0;
  for (const step of steps) {
    now += step;
    for (const call of inFlight.splice(0).sort((a, b) => a.answerAt - b.answerAt)) {
      if (call.answerAt <= now) window.finish(call.answerAt);
      else inFlight.push(call);
    }
    while (inFlight.length < concurrency && window.waitMs(now) === 0) {
      const rtt = rtts[i % rtts.length] as number;
      window.start();
      arrivals.push(now + rtt * (arrivalShare[i % arrivalShare.length] as number));
      inFlight.push({ answerAt: now + rtt });
      i++;
    }
  }
  return { arrivals, end: now };
}

describe("AckWindow", () => {
  it("never lets the platform see more than the count in any window, whatever the delays", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 80, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { minLength: 100, maxLength: 800 }),
        fc.integer({ min: 1, max: 8 }),
        (rtts, shares, steps, concurrency) => {
          const { arrivals } = simulate({ count: 30, perMs: 1000 }, rtts, shares, steps, concurrency);
          expect(busiestWindow(arrivals, 1000)).toBeLessThanOrEqual(30);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("costs about one round trip per window", () => {
    const { arrivals, end } = simulate({ count: 30, perMs: 1000 }, [2], [0.5], Array.from({ length: 20_000 }, () => 1), 4);
    expect(arrivals.length / (end / 1000)).toBeGreaterThan(29.8);
  });
});

describe("ArrivalWindows", () => {
  it("names the scope that waits: the chat, the group, or everything", () => {
    const windows = new ArrivalWindows({ perChat: { count: 1, perMs: 1000 }, perGroup: { count: 2, perMs: 60_000 }, global: { count: 3, perMs: 1000 } });
    const a = windows.start({ chatId: "a" });
    expect(windows.check({ chatId: "a" }, 0)).toMatchObject({ scope: "chat" });
    a.finish(10);
    expect(windows.check({ chatId: "a" }, 500)).toEqual({ waitMs: 510, scope: "chat" });
    windows.start({ chatId: "-g", isGroup: true }).finish(20);
    windows.start({ chatId: "b" }).finish(30);
    expect(windows.check({ chatId: "c" }, 600)).toEqual({ waitMs: 410, scope: "global" });
    expect(windows.check({ chatId: "-g", isGroup: true }, 5_000)).toEqual({ waitMs: 0, scope: "global" });
  });
});
