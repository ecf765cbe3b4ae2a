// Sliding-window limits as the strictest reading of a platform's published limits: "at most
// `count` sends in any `perMs`". A refused send counts in no window.
export interface WindowRule {
  count: number;
  perMs: number;
}

export interface WindowLimits {
  perChat?: WindowRule;
  /** Chats whose id starts with "-" (Telegram's groups) pass this one as well. */
  perGroup?: WindowRule;
  global?: WindowRule;
}

export type WindowAdmission = { ok: true } | { ok: false; retryAfterMs: number; scope: "chat" | "global" };

export function createWindows(limits: WindowLimits, clock: () => number = () => performance.timeOrigin + performance.now()) {
  const sends = new Map<string, number[]>();

  function window(key: string, rule: WindowRule, now: number): { times: number[]; waitMs: number } {
    let times = sends.get(key);
    if (!times) sends.set(key, (times = []));
    // A send exactly perMs ago has left the window.
    while (times.length > 0 && (times[0] as number) <= now - rule.perMs) times.shift();
    const waitMs = times.length < rule.count ? 0 : (times[times.length - rule.count] as number) + rule.perMs - now;
    return { times, waitMs };
  }

  return {
    admit(chatId: string): WindowAdmission {
      const now = clock();
      const checks: Array<[ReturnType<typeof window>, "chat" | "global"]> = [];
      if (limits.perChat) checks.push([window(`chat:${chatId}`, limits.perChat, now), "chat"]);
      if (limits.perGroup && chatId.startsWith("-")) checks.push([window(`group:${chatId}`, limits.perGroup, now), "chat"]);
      if (limits.global) checks.push([window("global", limits.global, now), "global"]);
      const refused = checks.filter(([w]) => w.waitMs > 0).sort((a, b) => b[0].waitMs - a[0].waitMs)[0];
      if (refused) return { ok: false, retryAfterMs: refused[0].waitMs, scope: refused[1] };
      for (const [w] of checks) w.times.push(now);
      return { ok: true };
    },
  };
}
