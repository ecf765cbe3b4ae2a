import type { Held } from "./claim-set.js";
import type { ArrivalWindows } from "./rate-limit/arrival-windows.js";
import type { LimitScope, SendLimiter, SendTarget } from "./rate-limit/send-limiter.js";

/** What `chooseHeld` decided; the caller applies it (removals, outbox writes). */
export interface Choice {
  /** Passed every window and took its bucket tokens: send it now. */
  send?: Held;
  /** Their chat must wait longer than rows are held: back to the outbox until then. */
  defer: Array<{ held: Held; until: number; scope: LimitScope }>;
  /** Everything waits this long (a global limit or pause). */
  globalWaitMs?: number;
  /** The shortest chat wait among the rows kept. */
  waitMs: number;
}

/**
 * The first held row (breaking first, then oldest) that every limit lets through now. One
 * synchronous pass, so the decision is made on one consistent view of `held`. The windows are
 * asked first because they only look; the buckets take their tokens when they say yes.
 */
export function chooseHeld(held: readonly Held[], limits: { windows: ArrivalWindows; buckets: SendLimiter; isGroup: (chatId: string) => boolean; holdMaxMs: number }, now: number): Choice {
  const choice: Choice = { defer: [], waitMs: Number.POSITIVE_INFINITY };
  for (const h of held) {
    const target: SendTarget = { chatId: h.delivery.chatId, isGroup: limits.isGroup(h.delivery.chatId) };
    const window = limits.windows.check(target, now);
    const result = window.waitMs > 0 ? { ok: false as const, ...window } : limits.buckets.tryAcquire(target, now);
    if (result.ok) {
      choice.send = h;
      break;
    }
    // Nothing passes a global wait; no point asking for the other chats.
    if (result.scope === "global") {
      choice.globalWaitMs = result.waitMs;
      break;
    }
    if (result.waitMs > limits.holdMaxMs) choice.defer.push({ held: h, until: now + result.waitMs, scope: result.scope });
    else choice.waitMs = Math.min(choice.waitMs, result.waitMs);
  }
  if (choice.waitMs === Number.POSITIVE_INFINITY) choice.waitMs = 0;
  return choice;
}
