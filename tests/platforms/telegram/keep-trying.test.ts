import { describe, expect, it } from "vitest";
import { keepTrying, telegramBackoff } from "../../../src/platforms/telegram/keep-trying.js";

describe("telegramBackoff", () => {
  const delay = telegramBackoff(500, 30_000);

  it("waits what a 429 names and gives up on 401", () => {
    expect(delay({ error_code: 429, parameters: { retry_after: 3 } }, 1)).toBe(3000);
    expect(delay({ error_code: 401 }, 1)).toBeUndefined();
  });

  it("grows exponentially with jitter and never beyond the cap", () => {
    const first = delay(new Error("ECONNRESET"), 1) ?? 0;
    expect(first).toBeGreaterThanOrEqual(400);
    expect(first).toBeLessThanOrEqual(600);
    const later = delay({ error_code: 502 }, 4) ?? 0;
    expect(later).toBeGreaterThanOrEqual(3200);
    expect(later).toBeLessThanOrEqual(4800);
    expect(delay(new Error("down"), 100)).toBeLessThanOrEqual(36_000);
  });
});

describe("keepTrying", () => {
  it("retries until the attempt succeeds", async () => {
    let calls = 0;
    const retries: number[] = [];
    const value = await keepTrying(
      async () => {
        if (++calls < 3) throw new Error("not yet");
        return "done";
      },
      { signal: new AbortController().signal, delayFor: () => 1, onRetry: (_e, _d, n) => retries.push(n) },
    );
    expect(value).toBe("done");
    expect(retries).toEqual([1, 2]);
  });

  it("rethrows when the policy gives up, and stops waiting when aborted", async () => {
    await expect(keepTrying(() => Promise.reject(new Error("fatal")), { signal: new AbortController().signal, delayFor: () => undefined })).rejects.toThrow("fatal");
    const stop = new AbortController();
    const pending = keepTrying(() => Promise.reject(new Error("down")), { signal: stop.signal, delayFor: () => 60_000 });
    setTimeout(() => stop.abort(), 10);
    await expect(pending).rejects.toThrow();
  });
});
