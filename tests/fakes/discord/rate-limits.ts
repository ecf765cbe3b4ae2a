// Fixed-window buckets and the X-RateLimit-* headers Discord sends with every response.
// State lives in the fake, not the client, so a bot that restarts still finds its earlier sends
// counted, as it would on Discord.
import { formatSeconds, rateLimited } from "./discord-errors.js";
import type { FakeReply } from "./discord-errors.js";

export interface LimitWindow {
  count: number;
  windowMs: number;
}

export interface RateLimitSettings {
  /** POST /channels/:id/messages per channel; null = not enforced. */
  perChannel: LimitWindow | null;
  /** All bot-authenticated requests per second; null = not enforced. */
  globalPerSecond: number | null;
  /** POST .../crosspost per channel; Discord allows 10 an hour. Always enforced. */
  crosspost: LimitWindow;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  perChannel: null,
  globalPerSecond: null,
  crosspost: { count: 10, windowMs: 60 * 60 * 1000 },
};

/** What headers advertise for buckets that are not enforced: large enough that no test throttles itself. */
export const OPEN_WINDOW: LimitWindow = { count: 1000, windowMs: 1000 };

export interface BucketUse {
  key: string;
  /** Shown as X-RateLimit-Bucket; one per route, as Discord hashes routes. */
  hash: string;
  window: LimitWindow;
  enforced: boolean;
}

interface BucketState {
  used: number;
  resetAt: number;
}

export type BucketVerdict =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; reply: FakeReply };

export interface Buckets {
  take(use: BucketUse, now: number): BucketVerdict;
  takeGlobal(perSecond: number, now: number): FakeReply | null;
}

export function createBuckets(): Buckets {
  const states = new Map<string, BucketState>();

  function current(key: string, window: LimitWindow, now: number): BucketState {
    let state = states.get(key);
    if (!state || now >= state.resetAt) {
      state = { used: 0, resetAt: now + window.windowMs };
      states.set(key, state);
    }
    return state;
  }

  function headers(use: BucketUse, state: BucketState, now: number): Record<string, string> {
    return {
      "X-RateLimit-Limit": String(use.window.count),
      "X-RateLimit-Remaining": String(Math.max(0, use.window.count - state.used)),
      "X-RateLimit-Reset": formatSeconds(state.resetAt / 1000),
      "X-RateLimit-Reset-After": formatSeconds((state.resetAt - now) / 1000),
      "X-RateLimit-Bucket": use.hash,
    };
  }

  return {
    take(use, now) {
      const state = current(use.key, use.window, now);
      if (use.enforced && state.used >= use.window.count) {
        const reply = rateLimited((state.resetAt - now) / 1000);
        return { allowed: false, reply: { ...reply, headers: { ...headers(use, state, now), ...reply.headers } } };
      }
      state.used += 1;
      return { allowed: true, headers: headers(use, state, now) };
    },
    takeGlobal(perSecond, now) {
      const state = current("global", { count: perSecond, windowMs: 1000 }, now);
      if (state.used >= perSecond) return rateLimited((state.resetAt - now) / 1000, { global: true });
      state.used += 1;
      return null;
    },
  };
}
