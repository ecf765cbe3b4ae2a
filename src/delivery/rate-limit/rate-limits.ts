import type { WindowRule } from "./ack-window.js";
import type { PlatformWindows } from "./arrival-windows.js";
import type { BucketLimit } from "./token-bucket.js";

/** The buckets one send passes through on a platform; a missing scope is unlimited. */
export interface PlatformRateLimits {
  /** Every message to one chat (a channel on Discord). */
  perChat?: BucketLimit;
  /** Extra bucket for group chats, on top of perChat. */
  perGroup?: BucketLimit;
  /** Every message the bot sends on the platform. */
  global?: BucketLimit;
}

/**
 * Share of each published limit the buckets leave unused. The arrival windows (ArrivalWindows)
 * keep the limits exact whatever the network does; this keeps the buckets' even pace from
 * running into them at every send.
 */
export const DEFAULT_HEADROOM = 0.01;
const MAX_CATCH_UP_MS = 5;

/**
 * "At most `count` sends in any `perMs`" as a bucket that can never exceed it, minus `headroom`.
 * A bucket of capacity B refilling at r admits at most B − 1 + r·W sends in any window of length
 * W, so a burst is paid for with a slower refill; `burst` 1 gives the highest steady rate.
 */
export function windowLimit(count: number, perMs: number, opts: { burst?: number; headroom?: number } = {}): BucketLimit {
  const burst = opts.burst ?? 1;
  const headroom = opts.headroom ?? DEFAULT_HEADROOM;
  const perWindow = count * (1 - headroom) - (burst - 1);
  if (!(perWindow > 0)) throw new RangeError(`a burst of ${burst} leaves nothing of ${count} per ${perMs} ms`);
  const refillPerSecond = perWindow / (perMs / 1000);
  // Catching up on late wake-ups spends at most half the headroom (r · catchUp ≤ count · headroom / 2).
  const catchUpMs = Math.min(MAX_CATCH_UP_MS, ((count * headroom) / refillPerSecond / 2) * 1000);
  return { capacity: burst, refillPerSecond, catchUpMs };
}

/** The published limits (DESIGN.md, platform facts); config may override any scope. */
export const publishedLimits = {
  telegram: {
    perChat: { count: 1, perMs: 1_000 },
    perGroup: { count: 20, perMs: 60_000 },
    global: { count: 30, perMs: 1_000 },
  },
  discord: {
    // Discord's channel route allows 5 per 5 s; the bucket paces them one a second.
    perChat: { count: 5, perMs: 5_000 },
    global: { count: 50, perMs: 1_000 },
  },
  console: {},
} as const satisfies Record<string, PlatformWindows>;

const bucketOf = (w: WindowRule): BucketLimit => windowLimit(w.count, w.perMs);

/** Buckets that pace sends evenly within each window (burst 1, the highest steady rate). */
export function bucketsFor(windows: PlatformWindows): PlatformRateLimits {
  const buckets: PlatformRateLimits = {};
  if (windows.perChat) buckets.perChat = bucketOf(windows.perChat);
  if (windows.perGroup) buckets.perGroup = bucketOf(windows.perGroup);
  if (windows.global) buckets.global = bucketOf(windows.global);
  return buckets;
}

/** The published limits as buckets. */
export const defaultRateLimits = {
  telegram: {
    perChat: bucketOf(publishedLimits.telegram.perChat),
    perGroup: bucketOf(publishedLimits.telegram.perGroup),
    global: bucketOf(publishedLimits.telegram.global),
  },
  discord: {
    perChat: bucketOf(publishedLimits.discord.perChat),
    global: bucketOf(publishedLimits.discord.global),
  },
  console: {},
} satisfies Record<keyof typeof publishedLimits, PlatformRateLimits>;

/** Per platform, any scope of its windows; a platform not named here (a test's) is unlimited. */
export type RateLimitOverrides = Record<string, PlatformWindows | undefined>;

/** One platform's windows with config's overrides laid over them scope by scope, and their buckets. */
export function limitsFor(platform: string, overrides: RateLimitOverrides = {}): { windows: PlatformWindows; buckets: PlatformRateLimits } {
  const published: PlatformWindows = (publishedLimits as Record<string, PlatformWindows | undefined>)[platform] ?? {};
  const windows = { ...published, ...overrides[platform] };
  return { windows, buckets: bucketsFor(windows) };
}

/** Discord bans an IP for a while after this many 401/403/429 responses in the window. */
export const discordInvalidRequestBudget = { limit: 10_000, windowMs: 10 * 60_000 } as const;
