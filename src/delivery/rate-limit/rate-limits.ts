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

/** Share of each published limit left unused: loopback and network jitter can bunch sends up on arrival. */
export const DEFAULT_HEADROOM = 0.03;
const MAX_CATCH_UP_MS = 10;

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

/** Published limits (DESIGN.md, platform facts) as windows; config may override any scope. */
export const defaultRateLimits = {
  telegram: {
    perChat: windowLimit(1, 1000),
    perGroup: windowLimit(20, 60_000),
    global: windowLimit(30, 1000),
  },
  discord: {
    // Discord's channel route allows 5 per 5 s; paced one a second so a burst never trips it.
    perChat: windowLimit(5, 5000),
    global: windowLimit(50, 1000),
  },
  console: {},
} as const satisfies Record<string, PlatformRateLimits>;

export type RateLimitedPlatform = keyof typeof defaultRateLimits;
export type RateLimitConfig = Record<RateLimitedPlatform, PlatformRateLimits>;
export type RateLimitOverrides = { [P in RateLimitedPlatform]?: PlatformRateLimits };

/** The defaults with config's overrides laid over them scope by scope. */
export function mergeRateLimits(overrides: RateLimitOverrides = {}): RateLimitConfig {
  return {
    telegram: { ...defaultRateLimits.telegram, ...overrides.telegram },
    discord: { ...defaultRateLimits.discord, ...overrides.discord },
    console: { ...defaultRateLimits.console, ...overrides.console },
  };
}

/** Discord bans an IP for a while after this many 401/403/429 responses in the window. */
export const discordInvalidRequestBudget = { limit: 10_000, windowMs: 10 * 60_000 } as const;
