// Optional enforcement of Telegram's flood limits. Each limit is a sliding window: "at most N sends
// in any window of T ms". A send must fit every window that applies; a refused send counts in none.
export interface FloodLimits {
  /** Sends per second into one chat (Telegram: about 1). */
  perChatPerSecond?: number;
  /**
   * Back-to-back sends one chat tolerates; defaults to 1, stricter than Telegram's few. With burst
   * B the per-chat window becomes "B sends in B / perChatPerSecond seconds".
   */
  perChatBurst?: number;
  /** Sends per minute into one group or supergroup (Telegram: 20). */
  perGroupPerMinute?: number;
  /** Sends per second overall (Telegram: about 30). */
  globalPerSecond?: number;
}

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface FloodControl {
  configure(limits: FloodLimits | null): void;
  admit(chatId: number, isGroup: boolean): Admission;
}

interface SendWindow {
  max: number;
  windowMs: number;
  /** Times of admitted sends still inside the window, oldest first. */
  sends: number[];
}

export function createFloodControl(clock: () => number): FloodControl {
  let limits: FloodLimits = {};
  const windows = new Map<string, SendWindow>();

  function windowFor(key: string, max: number, windowMs: number, now: number): SendWindow {
    let found = windows.get(key);
    if (!found) windows.set(key, (found = { max, windowMs, sends: [] }));
    // A send exactly windowMs ago has left the window: pacing at exactly the limit is allowed.
    found.sends = found.sends.filter((at) => at > now - windowMs);
    return found;
  }

  function applicable(chatId: number, isGroup: boolean, now: number): SendWindow[] {
    const list: SendWindow[] = [];
    const { perChatPerSecond, perChatBurst = 1, perGroupPerMinute, globalPerSecond } = limits;
    if (perChatPerSecond) list.push(windowFor(`chat:${chatId}`, perChatBurst, (perChatBurst / perChatPerSecond) * 1000, now));
    if (perGroupPerMinute && isGroup) list.push(windowFor(`group:${chatId}`, perGroupPerMinute, 60_000, now));
    if (globalPerSecond) list.push(windowFor("global", globalPerSecond, 1000, now));
    return list;
  }

  return {
    configure(next) {
      limits = next ?? {};
      windows.clear();
    },
    admit(chatId, isGroup) {
      const now = clock();
      const list = applicable(chatId, isGroup, now);
      // The wait for a full window is until enough of its oldest sends have left it.
      const waitMs = Math.max(0, ...list.map((w) => (w.sends.length < w.max ? 0 : w.sends[w.sends.length - w.max] + w.windowMs - now)));
      if (waitMs > 0) return { ok: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
      for (const w of list) w.sends.push(now);
      return { ok: true };
    },
  };
}
